// What a call asks of a submission: when it is open, and what a complete one has. Read by the
// author's writes (start, save, submit) and by the page that lists what is still missing.
import type { Database } from '@gaps/db';
import { type MissingItem, missingItems } from './missing-items.ts';
import type { SubmissionRow } from './submission.repository.ts';

/** The call's rules, with its categories' ids; undefined for an unknown call. */
export async function callRules(db: Database, callId: string) {
  return db
    .selectFrom('call')
    .select([
      'id',
      'venue_id',
      'opens_at',
      'deadline_at',
      'time_zone',
      'word_limit',
      'single_author',
      'declarations',
      'application_form_fields',
      'decision_due_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('call_category')
        .whereRef('call_category.call_id', '=', 'call.id')
        .select((e) =>
          e.fn.coalesce(e.fn.agg<string[]>('array_agg', ['call_category.id']), e.val<string[]>([])).as('ids'),
        )
        .as('category_ids'),
    )
    .where('id', '=', callId)
    .executeTakeFirst();
}
export type CallRules = NonNullable<Awaited<ReturnType<typeof callRules>>>;

export function missingFor(
  row: SubmissionRow,
  rules: CallRules,
  parts: { authors: number; answers: Record<string, string>; manuscripts: number },
): MissingItem[] {
  const declarations = (row.declarations ?? {}) as { confirmed?: string[]; wordCount?: number | null };
  return missingItems({
    venueKind: row.venue_kind,
    categories: (rules.category_ids ?? []).map((id) => ({ id })),
    categoryId: row.category_id,
    title: row.title,
    abstract: row.abstract,
    keywords: row.keywords,
    authorCount: parts.authors,
    singleAuthor: rules.single_author,
    declarations: rules.declarations as Array<{ key: string; text: string }>,
    confirmed: declarations.confirmed ?? [],
    wordLimit: rules.word_limit,
    declaredWordCount: declarations.wordCount ?? null,
    applicationFields: rules.application_form_fields as Array<{ key: string; label: string; required: boolean }>,
    applicationAnswers: parts.answers,
    manuscriptCount: parts.manuscripts,
  });
}

/** Open for new submissions at `now` (or, for a draft given more time, until its extension). */
export function isOpenAt(
  rules: { opens_at: Date; deadline_at: Date | null },
  now: Date,
  extendedTo: Date | null = null,
) {
  const closes = extendedTo ?? rules.deadline_at;
  return rules.opens_at <= now && (closes === null || now < closes);
}
