// The one definition of an empty draft: nothing of the author's in it yet (no title, abstract,
// keywords, co-authors, confirmed declarations or word count, answers, or file). "Start a
// submission" opens such a draft again instead of making another for the same call.
import type { DB } from '@gaps/db';
import { type ExpressionBuilder, sql } from 'kysely';

export function isEmptyDraft(eb: ExpressionBuilder<DB, 'submission'>) {
  return eb.and([
    eb('submission.status', '=', 'draft'),
    eb(
      sql<boolean>`
      btrim(submission.title) = ''
      AND btrim(submission.abstract) = ''
      AND cardinality(submission.keywords) = 0
      AND CASE WHEN jsonb_typeof(submission.declarations -> 'confirmed') = 'array'
        THEN jsonb_array_length(submission.declarations -> 'confirmed') = 0 ELSE true END
      AND jsonb_typeof(submission.declarations -> 'wordCount') IS DISTINCT FROM 'number'
      AND (SELECT count(*) FROM submission_author a WHERE a.submission_id = submission.id) <= 1
      AND NOT EXISTS (SELECT 1 FROM manuscript_version m WHERE m.submission_id = submission.id)
      AND NOT EXISTS (
        SELECT 1 FROM application_form f, jsonb_each_text(f.answers) answer
        WHERE f.submission_id = submission.id AND btrim(answer.value) <> ''
      )`,
      '=',
      true,
    ),
  ]);
}
