// What the award panel's chair sees of a call's ranking. Judges are named (the chair invited
// them); entrants are not: until the audited un-blinding, an entry is its code and title only,
// and no name or application-form answer is in the answer (the schema below has no place for one
// outside `entrant`, which is null until then). The ranking is locked before the un-blinding, so
// who wrote an essay can no longer sway its place.
import { z } from 'zod';
import type { EntrantRow, RankingRow, ResultRow, WinnerMove } from '../awards/ranking.repository.ts';
import { adjustmentSentence, type RankingSnapshot } from '../awards/ranking.service.ts';

const instant = z.iso.datetime();
const iso = (date: Date | null) => date?.toISOString() ?? null;

export const awardOutcomes = ['winner', 'shortlisted', 'commended', 'not_placed'] as const;
export const awardOutcomeSchema = z.enum(awardOutcomes).meta({ id: 'AwardOutcome' });
export type AwardOutcome = z.infer<typeof awardOutcomeSchema>;
/** The outcomes' names, as a list or a column shows them. */
export const awardOutcomeLabels: Record<AwardOutcome, string> = {
  winner: 'Winner',
  shortlisted: 'Shortlisted',
  commended: 'Commended',
  not_placed: 'Not placed',
};
/** The outcomes as a sentence says them ("… marked CWEA-2026-003 as the winner"). */
export const awardOutcomeWords: Record<AwardOutcome, string> = {
  winner: 'the winner',
  shortlisted: 'shortlisted',
  commended: 'commended',
  not_placed: 'not placed',
};
export const eligibilitySchema = z.enum(['unchecked', 'eligible', 'ineligible']).meta({ id: 'AwardEligibility' });

const rankedEntryView = z.object({
  submissionId: z.uuid(),
  code: z.string(),
  title: z.string(),
  /** Each judge's mark (the weighted total of their submitted scores) and the same mark with their leniency taken out. */
  marks: z.array(z.object({ judge: z.string(), score: z.number(), adjusted: z.number() })),
  raw: z.number().nullable(),
  calibrated: z.number().nullable(),
  rank: z.number().int().nullable(),
  rawRank: z.number().int().nullable(),
  /** rawRank − rank: positive when calibration moved the entry up. */
  movement: z.number().int().nullable(),
  uncertainty: z.number().nullable(),
  judges: z.number().int(),
  /** Null until the chair un-blinds the locked ranking. */
  entrant: z
    .object({
      name: z.string(),
      email: z.string(),
      applicationForm: z.array(z.object({ label: z.string(), value: z.string() })),
    })
    .nullable(),
  /** Null until the ranking is locked. */
  result: z
    .object({
      outcome: awardOutcomeSchema,
      eligibility: eligibilitySchema,
      eligibilityNote: z.string().nullable(),
      /** The entrant withdrew it after the lock: it takes no result and gets no message. */
      withdrawn: z.boolean(),
      announcedAt: instant.nullable(),
    })
    .nullable(),
});

export const awardRankingView = z
  .object({
    call: z.object({ id: z.uuid(), title: z.string(), venueId: z.uuid(), venueName: z.string(), timeZone: z.string() }),
    /** open: marks may still change; locked: the snapshot below is final; unblinded: names shown; announced: letters sent. */
    stage: z.enum(['open', 'locked', 'unblinded', 'announced']),
    locked: z.object({ at: instant, by: z.string().nullable() }).nullable(),
    unblinded: z.object({ at: instant, by: z.string().nullable() }).nullable(),
    announced: z.object({ at: instant, by: z.string().nullable() }).nullable(),
    explanation: z.string(),
    noise: z.number(),
    judges: z.array(z.object({ judge: z.string(), marks: z.number().int(), offset: z.number(), sentence: z.string() })),
    categories: z.array(
      z.object({
        id: z.uuid().nullable(),
        name: z.string(),
        entries: z.array(rankedEntryView),
        warnings: z.array(z.object({ code: z.string(), message: z.string() })),
        /** What moved after the un-blinding (an ineligible winner and who took their place, as audited). */
        notes: z.array(z.string()),
      }),
    ),
    /** Judges invited or accepted who have not submitted: the ranking is not final while any remain. */
    missingMarks: z.array(
      z.object({
        submissionId: z.uuid(),
        code: z.string(),
        title: z.string(),
        judge: z.string(),
        status: z.enum(['invited', 'accepted']),
      }),
    ),
    /** Why the results cannot be announced yet, in plain words (empty once they can, or once sent). */
    announceBlockers: z.array(z.string()),
  })
  .meta({ id: 'AwardRanking' });
export type AwardRankingView = z.infer<typeof awardRankingView>;

export interface AwardRankingParts {
  call: { id: string; title: string; venue_id: string; venue_name: string; time_zone: string };
  /** The locked snapshot, or the live ranking before the lock. */
  snapshot: RankingSnapshot;
  row: RankingRow | undefined;
  results: ResultRow[];
  /** The winners handed on after an ineligible winner, as audited (empty before the lock). */
  moves?: WinnerMove[];
  /** Loaded only once un-blinded; ignored before, whatever is passed. */
  entrants: EntrantRow[];
  formFields: Array<{ key: string; label: string }>;
}

type Stage = AwardRankingView['stage'];

function stageOf(row: RankingRow | undefined): Stage {
  if (!row) return 'open';
  if (row.announced_at) return 'announced';
  return row.unblinded_at ? 'unblinded' : 'locked';
}

const at = (date: Date | null, by: string | null) => (date ? { at: date.toISOString(), by } : null);

export function toAwardRankingView(parts: AwardRankingParts): AwardRankingView {
  const { snapshot, row } = parts;
  const stage = stageOf(row);
  const unblinded = Boolean(row?.unblinded_at);
  const results = new Map(parts.results.map((r) => [r.submission_id, r]));
  const entrants = new Map(parts.entrants.map((e) => [e.submission_id, e]));

  const entrantOf = (submissionId: string) => {
    const entrant = unblinded ? entrants.get(submissionId) : undefined;
    if (!entrant) return null;
    const answers = (entrant.answers ?? {}) as Record<string, string>;
    const known = parts.formFields.map((f) => ({ label: f.label, value: answers[f.key] ?? '' }));
    const extra = Object.entries(answers)
      .filter(([key]) => !parts.formFields.some((f) => f.key === key))
      .map(([key, value]) => ({ label: key.replaceAll('_', ' '), value: String(value) }));
    return { name: entrant.name, email: entrant.email, applicationForm: [...known, ...extra] };
  };

  const categories = snapshot.categories.map((category) => {
    const entries = category.entries.map((entry) => {
      const result = row ? results.get(entry.submissionId) : undefined;
      return {
        ...entry,
        // Only an entry with marks has ranks to compare: an unmarked one did not move.
        movement:
          typeof entry.rank === 'number' && typeof entry.rawRank === 'number' ? entry.rawRank - entry.rank : null,
        entrant: entrantOf(entry.submissionId),
        result: result
          ? {
              outcome: result.outcome as AwardOutcome,
              eligibility: result.eligibility as z.infer<typeof eligibilitySchema>,
              eligibilityNote: result.eligibility_note,
              withdrawn: result.submission_status === 'withdrawn',
              announcedAt: iso(result.announced_at),
            }
          : null,
      };
    });
    return { ...category, entries, notes: movedNotes(entries, parts.moves ?? []) };
  });

  return {
    call: {
      id: parts.call.id,
      title: parts.call.title,
      venueId: parts.call.venue_id,
      venueName: parts.call.venue_name,
      timeZone: parts.call.time_zone,
    },
    stage,
    locked: row ? at(row.locked_at, row.locked_by_name) : null,
    unblinded: row ? at(row.unblinded_at, row.unblinded_by_name) : null,
    announced: row ? at(row.announced_at, row.announced_by_name) : null,
    explanation: snapshot.explanation,
    noise: snapshot.noise,
    judges: snapshot.judges.map((judge) => ({ ...judge, sentence: adjustmentSentence(judge) })),
    categories,
    missingMarks: snapshot.missing,
    announceBlockers: announceBlockers(stage, categories),
  };
}

type ViewEntry = AwardRankingView['categories'][number]['entries'][number];

/**
 * The winners that really moved up (audited when an ineligible winner handed the award on), while
 * they are still the winner. A winner the chair chose, or an entry without marks, gets no note.
 */
function movedNotes(entries: ViewEntry[], moves: WinnerMove[]): string[] {
  const byId = new Map(entries.map((e) => [e.submissionId, e]));
  return moves.flatMap((move) => {
    const winner = byId.get(move.submissionId);
    const replaced = byId.get(move.replacedSubmissionId);
    if (!winner || !replaced || winner.result?.outcome !== 'winner') return [];
    if (typeof winner.rank !== 'number' || typeof replaced.rank !== 'number') return [];
    return [
      `${replaced.code} was found ineligible, so ${winner.code}, the next eligible entry by calibrated rank, moved up to winner.`,
    ];
  });
}

/** Why the results cannot be announced yet, in the order of the steps. */
export function announceBlockers(stage: Stage, categories: Array<{ name: string; entries: ViewEntry[] }>): string[] {
  if (stage === 'announced') return [];
  if (stage === 'open') return ['Lock the ranking first.'];
  if (stage === 'locked') return ['Un-blind the ranking, check eligibility and choose the results first.'];
  const winners = categories.flatMap((c) =>
    c.entries.filter((e) => e.result?.outcome === 'winner').map((e) => ({ category: c.name, entry: e })),
  );
  if (winners.length === 0) return ['Check eligibility, then choose at least one winner among the eligible entries.'];
  return winners
    .filter(({ entry }) => entry.result?.eligibility !== 'eligible')
    .map(({ category, entry }) => `Check the eligibility of ${entry.code}, the winner in ${category}.`);
}
