// An award call judged by a planted panel, put straight into the tables: entries whose true
// quality is known, judges who mark a known amount above or below it, and the marks they would
// give. Tests of the ranking, its lock and the announcement read it through the API.
import type { Database } from '@gaps/db';
import { grantRole } from '../src/accounts/person.repository.ts';
import type { TestApp } from './build-test-app.ts';
import { makePerson } from './build-test-app.ts';
import { makeCall } from './factories.ts';
import {
  makeAssignment,
  makeAwardVenue,
  makeReview,
  makeRubric,
  makeSentSubmission,
} from './review-panel-factories.ts';

export interface PlantedEntry {
  key: string;
  title: string;
  category: 'Student' | 'Practitioner';
  /** The essay's true quality on the 0–10 scale. */
  quality: number;
  /** Which judges mark it. */
  judges: string[];
  /** Judges invited or accepted who have not submitted (missing marks). */
  owing?: string[];
}

export interface PlantedJudge {
  key: string;
  name: string;
  /** How far above (+) or below (−) the truth this judge marks. */
  offset: number;
}

/**
 * Two lenient judges (+3, +2), a harsh one (−3) and a fair one; each entry marked by two of them,
 * overlapping so that every judge is compared with every other through shared essays. The
 * lenient pair lifts S4 to the top of the raw means and the harsh judge pulls S1 down: by raw
 * mean the order is S4, S1, S3, S2, S5, S6 (rank correlation with the truth 0.6).
 */
export const plantedJudges: PlantedJudge[] = [
  { key: 'lenient', name: 'Lena Lenient', offset: 3 },
  { key: 'lenient2', name: 'Lionel Lenient', offset: 2 },
  { key: 'harsh', name: 'Harriet Harsh', offset: -3 },
  { key: 'fair', name: 'Farid Fair', offset: 0 },
];

/** Best first within each category. */
export const plantedEntries: PlantedEntry[] = [
  { key: 'S1', title: 'The best essay', category: 'Student', quality: 8, judges: ['harsh', 'fair'] },
  { key: 'S2', title: 'A close second', category: 'Student', quality: 7, judges: ['harsh', 'fair'] },
  { key: 'S3', title: 'A solid third', category: 'Student', quality: 6, judges: ['harsh', 'lenient'] },
  { key: 'S4', title: 'A fair fourth', category: 'Student', quality: 5, judges: ['lenient', 'lenient2'] },
  { key: 'S5', title: 'Fifth of six', category: 'Student', quality: 4, judges: ['lenient2', 'fair'] },
  { key: 'S6', title: 'Last of six', category: 'Student', quality: 3, judges: ['lenient', 'harsh'] },
  { key: 'P1', title: 'Practice one', category: 'Practitioner', quality: 7, judges: ['harsh', 'lenient'] },
  {
    key: 'P2',
    title: 'Practice two',
    category: 'Practitioner',
    quality: 5,
    judges: ['lenient', 'fair'],
    owing: ['harsh'],
  },
  { key: 'P3', title: 'Practice three', category: 'Practitioner', quality: 4, judges: ['harsh', 'fair'] },
];

export interface AwardWorld {
  venueId: string;
  callId: string;
  categories: Record<'Student' | 'Practitioner', string>;
  judges: Record<string, { id: string; email: string; name: string }>;
  /** Entry key → its submission, code and entrant. */
  entries: Record<string, { id: string; code: string; entrant: { id: string; email: string; name: string } }>;
  /** Open (accepted, not submitted) assignment ids, by entry key. */
  owed: Record<string, string[]>;
  chair: { id: string; email: string };
}

const named = async (db: Database, name: string) => {
  const person = await makePerson(db, 'author');
  await db.updateTable('person').set({ name }).where('id', '=', person.id).execute();
  return { ...person, name };
};

export async function makeJudgedAwardCall(t: TestApp): Promise<AwardWorld> {
  const db = t.db;
  const venue = await makeAwardVenue(db);
  const chair = await makePerson(db, 'author');
  await grantRole(db, chair.id, 'editor', venue.id);
  const rubric = await makeRubric(db, venue.id, [{ label: 'Overall', weight: 1, minScore: 0, maxScore: 10 }], false);
  const callId = await makeCall(db, venue.id, {
    rubricId: rubric.id,
    categories: [
      { name: 'Student', description: 'On a qualifying programme' },
      { name: 'Practitioner', description: 'Qualified' },
    ],
    applicationFormFields: [{ key: 'programme', label: 'Programme or qualification', type: 'text', required: true }],
  });
  const categoryRows = await db
    .selectFrom('call_category')
    .select(['id', 'name'])
    .where('call_id', '=', callId)
    .execute();
  const categories = Object.fromEntries(categoryRows.map((c) => [c.name, c.id])) as AwardWorld['categories'];

  const judges: AwardWorld['judges'] = {};
  for (const judge of plantedJudges) judges[judge.key] = await named(db, judge.name);

  const entries: AwardWorld['entries'] = {};
  const owed: AwardWorld['owed'] = {};
  for (const [index, entry] of plantedEntries.entries()) {
    const entrant = await named(db, `Entrant ${entry.key} Quillfeather-${index}`);
    const id = await makeSentSubmission(db, { venueId: venue.id, callId, submitterId: entrant.id, title: entry.title });
    await db.updateTable('submission').set({ category_id: categories[entry.category] }).where('id', '=', id).execute();
    await db
      .insertInto('application_form')
      .values({ submission_id: id, answers: JSON.stringify({ programme: `Programme of ${entry.key} at Ravenholm` }) })
      .execute();
    const { code } = await db.selectFrom('submission').select('code').where('id', '=', id).executeTakeFirstOrThrow();
    entries[entry.key] = { id, code: code!, entrant };
    let number = 0;
    for (const judgeKey of entry.judges) {
      const judge = plantedJudges.find((j) => j.key === judgeKey)!;
      number += 1;
      const assignmentId = await makeAssignment(db, {
        submissionId: id,
        reviewerId: judges[judgeKey]!.id,
        reviewerNumber: number,
        status: 'submitted',
      });
      const score = Math.max(0, Math.min(10, entry.quality + judge.offset));
      await makeReview(db, { assignmentId, scores: { [rubric.criterionIds[0]!]: score } });
    }
    for (const judgeKey of entry.owing ?? []) {
      number += 1;
      const assignmentId = await makeAssignment(db, {
        submissionId: id,
        reviewerId: judges[judgeKey]!.id,
        reviewerNumber: number,
        status: 'accepted',
      });
      owed[entry.key] = [...(owed[entry.key] ?? []), assignmentId];
    }
  }
  return { venueId: venue.id, callId, categories, judges, entries, owed, chair };
}

/** Spearman's rank correlation of two rankings of the same items (1 = identical order). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const d2 = a.reduce((sum, rank, i) => sum + (rank - b[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}
