// The review as a plain-text form, for reviewers who write offline: downloaded with the criteria,
// scales and descriptors and the answers so far, edited in any text editor, uploaded back.
// Pure functions: reading the text back either fills a whole patch or names the first line it
// could not read, so nothing is saved from a form half understood.
import type { Recommendation, RubricCriterionView } from '../blinding/project-review.ts';
import { recommendations } from '../blinding/project-review.ts';
import { capitalised, type VenueWords } from '../venues/venue-words.ts';
import type { ReviewPatch } from './review.schemas.ts';

export interface FormFacts {
  code: string;
  title: string;
  words: VenueWords;
  reviewerNumber: number;
  criteria: readonly RubricCriterionView[];
  asksRecommendation: boolean;
}

export interface FormAnswers {
  scores: Record<string, number>;
  recommendation: Recommendation | null;
  commentsToAuthor: string;
  commentsToEditor: string;
}

const recommendationWords: Record<Recommendation, string> = {
  accept: 'accept',
  minor_revision: 'minor revision',
  major_revision: 'major revision',
  reject: 'reject',
};

const OPEN = '>>>';
const CLOSE = '<<<';
const note = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');

export function renderReviewForm(facts: FormFacts, answers: FormAnswers): string {
  const { words } = facts;
  const lines: string[] = [
    `# ${capitalised(words.review)} form: ${capitalised(words.reviewer)} ${facts.reviewerNumber}`,
    note(`Title: ${facts.title}`),
    '#',
    '# Write your answers in this file with any text editor, save it as plain text (UTF-8),',
    '# and upload it on the review page. Lines starting with # are notes and are not read.',
    '# A score goes after "Score:"; comments go between the lines ">>>" and "<<<".',
    '# Keep the lines in square brackets as they are. Leave a score empty to decide later.',
    '',
    `Code: ${facts.code}`,
    '',
  ];
  facts.criteria.forEach((criterion, index) => {
    lines.push(`[criterion ${index + 1}] ${criterion.label}`);
    if (criterion.description) lines.push(note(criterion.description));
    lines.push(`# Scale: ${criterion.minScore} to ${criterion.maxScore}`);
    for (const descriptor of criterion.descriptors) lines.push(note(`  ${descriptor.score} = ${descriptor.text}`));
    const score = answers.scores[criterion.id];
    lines.push(`Score (${criterion.minScore} to ${criterion.maxScore}): ${score ?? ''}`.trimEnd(), '');
  });
  if (facts.asksRecommendation) {
    lines.push('[recommendation]', `# One of: ${recommendations.map((r) => recommendationWords[r]).join(', ')}`);
    lines.push(
      `Recommendation: ${answers.recommendation ? recommendationWords[answers.recommendation] : ''}`.trimEnd(),
      '',
    );
  }
  lines.push(`[comments to the ${words.author}]`, `# The ${words.author} reads these, without your name.`);
  lines.push(OPEN, ...splitLines(answers.commentsToAuthor), CLOSE, '');
  lines.push('[confidential comments to the editor]', `# Only the editors read these; the ${words.author} never does.`);
  lines.push(OPEN, ...splitLines(answers.commentsToEditor), CLOSE, '');
  return lines.join('\n');
}

const splitLines = (text: string) => (text === '' ? [] : text.split('\n'));

export type FormReading = { ok: true; patch: ReviewPatch } | { ok: false; line: number; message: string };

type Section =
  | { kind: 'top' }
  | { kind: 'criterion'; criterion: RubricCriterionView }
  | { kind: 'recommendation' }
  | { kind: 'comments'; field: 'commentsToAuthor' | 'commentsToEditor' };

const patterns = {
  criterion: /^\[\s*criterion\s+(\d+)\s*\]/i,
  recommendationHeading: /^\[\s*recommendation\s*\]$/i,
  toAuthor: /^\[\s*comments\s+to\s+the\s+(author|authors|entrant|entrants)\s*\]$/i,
  toEditor: /^\[\s*confidential\s+comments\s+to\s+the\s+editors?\s*\]$/i,
  score: /^score\b[^:]*:(.*)$/i,
  recommendation: /^recommendation\s*:(.*)$/i,
  code: /^code\s*:(.*)$/i,
};

const isHeading = (line: string) =>
  [patterns.criterion, patterns.recommendationHeading, patterns.toAuthor, patterns.toEditor].some((pattern) =>
    pattern.test(line.trim()),
  );

function readRecommendation(value: string): Recommendation | null | undefined {
  const words = value.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  if (words === '') return null;
  return recommendations.find((r) => recommendationWords[r] === words);
}

/** Reads an uploaded form; the answers it holds become the patch (sections left out change nothing). */
export function readReviewForm(
  text: string,
  facts: Pick<FormFacts, 'code' | 'criteria' | 'asksRecommendation'>,
): FormReading {
  if (text.includes('\uFFFD')) {
    return {
      ok: false,
      line: 1 + (text.slice(0, text.indexOf('\uFFFD')).match(/\n/g)?.length ?? 0),
      message:
        'this file is not plain text in UTF-8. In your editor, choose "Save as" with the encoding UTF-8, then upload it again.',
    };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const patch: ReviewPatch = {};
  const scores: Record<string, number | null> = {};
  let section: Section = { kind: 'top' };
  let sawCode = false;
  const fail = (index: number, message: string): FormReading => ({ ok: false, line: index + 1, message });

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;

    const criterionHeading = patterns.criterion.exec(line);
    if (criterionHeading) {
      const criterion = facts.criteria[Number(criterionHeading[1]) - 1];
      if (!criterion) return fail(index, `there is no criterion ${criterionHeading[1]} on this rubric.`);
      section = { kind: 'criterion', criterion };
      continue;
    }
    if (patterns.recommendationHeading.test(line)) {
      if (!facts.asksRecommendation) return fail(index, 'this rubric does not ask for a recommendation.');
      section = { kind: 'recommendation' };
      continue;
    }
    if (patterns.toAuthor.test(line) || patterns.toEditor.test(line)) {
      section = { kind: 'comments', field: patterns.toAuthor.test(line) ? 'commentsToAuthor' : 'commentsToEditor' };
      continue;
    }

    if (section.kind === 'top') {
      const code = patterns.code.exec(line);
      if (!code) return fail(index, `we could not read “${line.slice(0, 80)}”. Notes must start with #.`);
      if (code[1]!.trim() !== facts.code) {
        return fail(
          index,
          `this form is for ${code[1]!.trim() || 'no code'}, not ${facts.code}. Upload the form you downloaded from this page.`,
        );
      }
      sawCode = true;
    } else if (section.kind === 'criterion') {
      const score = patterns.score.exec(line);
      const { criterion } = section;
      if (!score) return fail(index, `under “${criterion.label}” we expected “Score:” followed by a number.`);
      const value = score[1]!.trim();
      if (value === '') scores[criterion.id] = null;
      else if (!/^\d+$/.test(value) || Number(value) < criterion.minScore || Number(value) > criterion.maxScore) {
        return fail(
          index,
          `the score for “${criterion.label}” must be a whole number from ${criterion.minScore} to ${criterion.maxScore}, not “${value.slice(0, 20)}”.`,
        );
      } else scores[criterion.id] = Number(value);
    } else if (section.kind === 'recommendation') {
      const found = patterns.recommendation.exec(line);
      if (!found) return fail(index, 'we expected “Recommendation:” followed by your recommendation.');
      const recommendation = readRecommendation(found[1]!);
      if (recommendation === undefined) {
        return fail(
          index,
          `“${found[1]!.trim().slice(0, 40)}” is not a recommendation we know. Write one of: ${recommendations.map((r) => recommendationWords[r]).join(', ')}.`,
        );
      }
      patch.recommendation = recommendation;
    } else {
      if (line !== OPEN) return fail(index, `comments go between a line “${OPEN}” and a line “${CLOSE}”.`);
      // A heading before the closing line means the line was lost: taking the next section's
      // answers in as comments would save something the reviewer never meant.
      const end = lines.findIndex(
        (candidate, at) => at > index && (candidate.trim() === CLOSE || isHeading(candidate)),
      );
      if (end === -1 || lines[end]!.trim() !== CLOSE) {
        return fail(index, `the comments starting here have no closing line “${CLOSE}”.`);
      }
      patch[section.field] = lines.slice(index + 1, end).join('\n');
      index = end;
    }
  }
  if (!sawCode)
    return fail(0, `the line “Code: ${facts.code}” is missing. Upload the form you downloaded from this page.`);
  if (Object.keys(scores).length) patch.scores = scores;
  return { ok: true, patch };
}
