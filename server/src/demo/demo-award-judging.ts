// Last year's essay awards as the demo plays them: the entries, who judges which, and the scores,
// as plain data so a unit test can rank them with the panel's own calibration. The judges mark
// with different severity, on purpose: Jan Judge marks generously (about three quarters of a point
// above the panel on a 1–5 rubric), Jamal Judge strictly (as far below), Josie Judge in between.
// They overlap on most entries, so the fair ranking can tell leniency from quality, and in both
// categories the raw means put a different essay first than the calibrated scores do.
import type { Mark } from '../awards/calibration.ts';
import { weightedTotal } from '../review-panel/weighted-total.ts';
import type { DemoSubmission } from './seed-demo-submissions.ts';

export const demoEntrants = [
  { email: 'entrant1@example.org', name: 'Chloe Entrant', affiliation: 'Goldsmiths, University of London' },
  { email: 'entrant2@example.org', name: 'Dev Entrant', affiliation: 'Manchester Metropolitan University' },
  { email: 'entrant3@example.org', name: 'Esther Entrant', affiliation: 'Leeds City Council' },
  { email: 'entrant4@example.org', name: 'Femi Entrant', affiliation: 'Birmingham Children’s Trust' },
  { email: 'entrant5@example.org', name: 'Grace Entrant', affiliation: 'University of York' },
  { email: 'entrant6@example.org', name: 'Hari Entrant', affiliation: 'Cardiff University' },
  { email: 'entrant7@example.org', name: 'Isla Entrant', affiliation: 'Hertfordshire County Council' },
  { email: 'entrant8@example.org', name: 'Kofi Entrant', affiliation: 'Bristol City Council' },
];

const essay = (
  author: string,
  category: 'Student' | 'Practitioner',
  title: string,
  abstract: string,
  keywords: string[],
): DemoSubmission => ({
  author,
  venue: 'clare-winnicott-awards',
  category,
  title,
  abstract,
  keywords,
  // The essay itself names nobody: the entrants anonymised it as the call asks.
  pages: [
    [title, '', abstract, '', 'When I began my placement...'],
    ['What I learned', 'Looking back, I can see...'],
  ],
  endsAs: 'submitted',
  institution: demoEntrants.find((e) => e.email === author)!.affiliation,
  programme: category === 'Student' ? 'MA Social Work (second year)' : 'Qualified social worker',
});

export const demoAwardEntries = [
  essay(
    'entrant1@example.org',
    'Student',
    'Holding the thread',
    'On keeping a young person in mind across a placement that kept breaking down.',
    ['reflective practice', 'looked-after children'],
  ),
  essay(
    'entrant2@example.org',
    'Student',
    'The waiting room',
    'What a duty desk taught me about anxiety, my own and the family’s.',
    ['duty work', 'anxiety', 'containment'],
  ),
  essay(
    'entrant3@example.org',
    'Practitioner',
    'A home visit in winter',
    'Relationship-based practice with a father who did not want us there.',
    ['home visits', 'relationship-based practice', 'fathers'],
  ),
  essay(
    'entrant4@example.org',
    'Practitioner',
    'Good enough',
    'Winnicott’s good-enough mother, and a good-enough social worker in adult social care.',
    ['Winnicott', 'adult social care'],
  ),
  essay(
    'entrant5@example.org',
    'Student',
    'Between two languages',
    'Interpreting for a family on placement, and what was lost between us.',
    ['interpreting', 'family support', 'reflective practice'],
  ),
  essay(
    'entrant6@example.org',
    'Student',
    'Letting go of the case',
    'Ending with a young carer, and my wish to rescue her.',
    ['endings', 'young carers'],
  ),
  essay(
    'entrant7@example.org',
    'Practitioner',
    'Questions at the front door',
    'Staying curious about a family when the referral had already made up our minds.',
    ['child protection', 'curiosity', 'assessment'],
  ),
  essay(
    'entrant8@example.org',
    'Practitioner',
    'What the team could not say',
    'A team’s silence after a death, and what group supervision made room for.',
    ['group supervision', 'grief', 'teams'],
  ),
];

export interface DemoJudgement {
  /** Index into demoAwardEntries. */
  entry: number;
  judge: string;
  /** Invited this many days before the seed. */
  invited: number;
  /** Scores in the rubric's order; `submitted` days ago, or left a draft (saved a day ago). */
  review?: { scores: number[]; submitted?: number };
  declined?: string;
}

const jan = 'judge1@example.org'; // generous
const jamal = 'judge2@example.org'; // strict; works where entrant3 works, so never asked to judge entry 2
const josie = 'judge3@example.org'; // in between

/** Who judges which entry, how far each has got, and the scores (days before the seed). */
export const demoJudging: DemoJudgement[] = [
  { entry: 0, judge: jan, invited: 20, review: { scores: [5, 5, 5, 5], submitted: 6 } },
  { entry: 0, judge: jamal, invited: 20, review: { scores: [4, 3, 4, 3], submitted: 4 } },
  { entry: 0, judge: josie, invited: 20, review: { scores: [4, 4, 5, 4], submitted: 3 } },
  { entry: 1, judge: jan, invited: 20, review: { scores: [4, 4, 4, 4], submitted: 5 } },
  { entry: 1, judge: jamal, invited: 20, review: { scores: [4, 3] } },
  // Invited long ago, accepted, nothing written yet: past the due date, so the editor sees it late.
  { entry: 1, judge: josie, invited: 35 },
  { entry: 2, judge: 'reviewer2@example.org', invited: 20, declined: 'I am away for most of the judging period.' },
  { entry: 2, judge: jan, invited: 18, review: { scores: [5, 5, 5, 4], submitted: 1 } },
  { entry: 2, judge: josie, invited: 18, review: { scores: [4, 4, 4, 4], submitted: 2 } },
  { entry: 3, judge: jamal, invited: 20, review: { scores: [3, 4, 3, 3], submitted: 3 } },
  { entry: 3, judge: josie, invited: 20, review: { scores: [4, 5, 4, 4] } },
  { entry: 4, judge: jamal, invited: 20, review: { scores: [4, 4, 3, 4], submitted: 5 } },
  { entry: 4, judge: josie, invited: 20, review: { scores: [5, 4, 5, 4], submitted: 4 } },
  { entry: 5, judge: jan, invited: 20, review: { scores: [4, 4, 3, 4], submitted: 5 } },
  { entry: 5, judge: jamal, invited: 20, review: { scores: [2, 3, 2, 2], submitted: 4 } },
  { entry: 5, judge: josie, invited: 20, review: { scores: [3, 3, 3, 3], submitted: 2 } },
  { entry: 6, judge: jan, invited: 20, review: { scores: [5, 5, 5, 5], submitted: 3 } },
  { entry: 6, judge: jamal, invited: 20, review: { scores: [4, 3, 4, 3], submitted: 2 } },
  { entry: 6, judge: josie, invited: 20, review: { scores: [5, 4, 4, 4], submitted: 1 } },
  { entry: 7, judge: jan, invited: 20, review: { scores: [4, 4, 4, 4], submitted: 2 } },
  { entry: 7, judge: jamal, invited: 20, review: { scores: [3, 2, 3, 2], submitted: 1 } },
];

/** Asked a few days ago and not answered yet. */
export const demoOpenInvitation = { entry: 3, judge: jan, invited: 3 };

/**
 * The marks the chair's ranking sees: one per submitted review, its weighted total (the demo's
 * award rubric weighs its four criteria equally), the judge by e-mail, the entry by title.
 */
export function demoAwardMarks(): Mark[] {
  const criteria = [1, 2, 3, 4].map((n) => ({ id: String(n), weight: 1 }));
  return demoJudging.flatMap((step) => {
    if (step.review?.submitted === undefined) return [];
    const entry = demoAwardEntries[step.entry]!;
    const scores = new Map(step.review.scores.map((score, index) => [String(index + 1), score]));
    return [
      { entry: entry.title, category: entry.category!, judge: step.judge, score: weightedTotal(criteria, scores)! },
    ];
  });
}
