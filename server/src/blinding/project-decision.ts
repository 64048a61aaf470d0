// What of a journal decision each viewer sees. The editor sees the whole record: who decided,
// when, the letter as sent, whether it has reached the author yet, any rescinding with its reason.
// The author sees only a decision whose letter has gone out (never a held or rescinded one), as
// the outcome, the letter and the production status in plain words; the letter names reviewers
// only as "Reviewer N" (decisions/decision-rules.ts reviewsForLetter). Reviewers see nothing here.
// The schemas are the routes' response schemas, so a field not listed here cannot leave.
import { z } from 'zod';
import {
  type DecisionOutcome,
  decisionLabels,
  decisionOutcomes,
  reviewerMailChoices,
} from '../decisions/decision-rules.ts';

const instant = z.iso.datetime();
const outcome = z.enum(decisionOutcomes);

export const letterStatuses = ['held', 'sent', 'not_sent'] as const;

export const editorDecisionSchema = z
  .object({
    id: z.uuid(),
    outcome,
    label: z.string(),
    round: z.number().int(),
    decidedAt: instant,
    decidedBy: z.string().nullable().describe('The editor who decided, by name'),
    subject: z.string(),
    letter: z.string(),
    /** When the letter may go out (the venue's hold); null when it went at once. */
    sendAfter: instant.nullable(),
    letterStatus: z
      .enum(letterStatuses)
      .describe('held: still in the outbox; sent: the author has been told (or its hold has ended)'),
    rescindedAt: instant.nullable(),
    rescindedBy: z.string().nullable(),
    rescindReason: z.string().nullable(),
    mayRescind: z.boolean(),
  })
  .meta({ id: 'EditorDecision' });
export type EditorDecision = z.infer<typeof editorDecisionSchema>;

export const productionSchema = z
  .object({
    status: z.enum(['accepted', 'ready_for_publication']).nullable(),
    updatedAt: instant.nullable(),
    words: z.string().nullable().describe('The status in plain words, for the page'),
  })
  .meta({ id: 'ProductionStatus' });

export const editorDecisionsSchema = z
  .object({
    /** Decisions only for journal submissions; an award entry gets results instead. */
    decidable: z.boolean(),
    /** Why nothing can be decided now (the state, or an award entry), for the page. */
    why: z.string().nullable(),
    outcomes: z.array(z.object({ outcome, label: z.string() })),
    decisions: z.array(editorDecisionSchema),
    production: productionSchema,
    letterHoldMinutes: z.number().int(),
    reviewerMail: z.enum(reviewerMailChoices),
  })
  .meta({ id: 'EditorDecisions' });

export const letterDraftSchema = z
  .object({
    outcome,
    subject: z.string(),
    letter: z.string(),
    reviewsIncluded: z.number().int().describe('How many reviewers’ comments the draft includes'),
  })
  .meta({ id: 'DecisionLetterDraft' });

export const authorDecisionSchema = z
  .object({
    decision: z
      .object({ outcome, label: z.string(), subject: z.string(), letter: z.string(), sentAt: instant })
      .nullable(),
    production: productionSchema,
  })
  .meta({ id: 'AuthorDecision' });

export interface DecisionRow {
  id: string;
  outcome: string;
  round: number;
  decided_at: Date;
  decided_by_name: string | null;
  letter_subject: string;
  letter: string;
  rescinded_at: Date | null;
  rescinded_by_name: string | null;
  rescind_reason: string | null;
  from_state: string | null;
  letter_send_after: Date | null;
  letter_state: string | null;
  letter_delivered_at: Date | null;
}

/**
 * The author has been told: the letter went to the mail server, or its hold has ended (the page
 * shows it from then, even while the worker is still on its way). Before that it can be rescinded.
 */
export function authorTold(row: Pick<DecisionRow, 'letter_state' | 'letter_send_after' | 'rescinded_at'>, now: Date) {
  if (row.rescinded_at || row.letter_state === null || row.letter_state === 'skipped') return false;
  if (row.letter_state !== 'pending') return true;
  return !row.letter_send_after || row.letter_send_after <= now;
}

export function projectEditorDecision(row: DecisionRow, now: Date): EditorDecision {
  const sent = authorTold(row, now);
  return {
    id: row.id,
    outcome: row.outcome as DecisionOutcome,
    label: decisionLabels[row.outcome as DecisionOutcome],
    round: row.round,
    decidedAt: row.decided_at.toISOString(),
    decidedBy: row.decided_by_name,
    subject: row.letter_subject,
    letter: row.letter,
    sendAfter: row.letter_send_after?.toISOString() ?? null,
    letterStatus: sent ? 'sent' : row.letter_state === 'pending' ? 'held' : 'not_sent',
    rescindedAt: row.rescinded_at?.toISOString() ?? null,
    rescindedBy: row.rescinded_by_name,
    rescindReason: row.rescind_reason,
    mayRescind: !row.rescinded_at && !sent && row.letter_state === 'pending',
  };
}

/** The author's view: the standing decision once its letter went out, else nothing of it. */
export function projectAuthorDecision(
  row: DecisionRow | undefined,
  now: Date,
): z.infer<typeof authorDecisionSchema>['decision'] {
  if (!row || !authorTold(row, now)) return null;
  return {
    outcome: row.outcome as DecisionOutcome,
    label: decisionLabels[row.outcome as DecisionOutcome],
    subject: row.letter_subject,
    letter: row.letter,
    sentAt: (row.letter_delivered_at ?? row.letter_send_after ?? row.decided_at).toISOString(),
  };
}

export function projectProduction(row: { production_status: string | null; production_updated_at: Date | null }) {
  const status = row.production_status as 'accepted' | 'ready_for_publication' | null;
  const words =
    status === 'accepted'
      ? 'Accepted: the editors are preparing it for publication.'
      : status === 'ready_for_publication'
        ? 'Ready for publication: it has been passed on to be published.'
        : null;
  return { status, updatedAt: row.production_updated_at?.toISOString() ?? null, words };
}
