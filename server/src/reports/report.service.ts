// A venue's report: the repository's counts put together as the page and the CSV files show them.
// Who may read it is the route's business; here, a scope already checked.
import type { Database } from '@gaps/db';
import { awardOutcomeLabels } from '../blinding/project-award-ranking.ts';
import type { DurationFigure, ReportFigures, ReportOutcome, ReportView } from '../blinding/project-report.ts';
import { decisionOutcomes, decisionResultLabels } from '../decisions/decision-rules.ts';
import {
  countDecisions,
  countMonths,
  countOutcomes,
  countReviewerTimes,
  countSubmissions,
  type DecisionCountRow,
  loadVenueCalls,
  type ReportScope,
  type ReviewerTimingRow,
  type SubmissionCountRow,
} from './report.repository.ts';

/** Outcomes in the order a reader expects them, with their names in words. */
export const outcomeLabels: Record<string, string> = {
  ...decisionResultLabels,
  ...awardOutcomeLabels,
};
const journalOutcomes: readonly string[] = decisionOutcomes;
const awardOutcomes = ['winner', 'commended', 'shortlisted', 'not_placed'];

/** Days to one decimal: finer would suggest a precision the dates do not have. */
const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
/** A share to three decimals (0.333): the page writes it as a percentage. */
const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

function duration(count: number, median: number | null, p90: number | null): DurationFigure {
  return { count, medianDays: oneDecimal(median), p90Days: oneDecimal(p90) };
}

interface RowParts {
  submissions?: SubmissionCountRow | undefined;
  decisions?: DecisionCountRow | undefined;
  reviewers?: ReviewerTimingRow | undefined;
}

function figures(callId: string | null, callTitle: string, isAward: boolean, parts: RowParts): ReportFigures {
  const { submissions: s, decisions: d, reviewers: r } = parts;
  const decided = d?.decided ?? 0;
  const accepted = d?.accepted ?? 0;
  const placed = d?.placed ?? 0;
  return {
    callId,
    callTitle,
    received: s?.received ?? 0,
    beingScreenedNow: s?.being_screened_now ?? 0,
    inReviewNow: s?.in_review_now ?? 0,
    withAuthorsNow: s?.with_authors_now ?? 0,
    decided,
    accepted,
    acceptanceRate: isAward ? null : share(accepted, decided),
    placed,
    placedRate: isAward ? share(placed, decided) : null,
    firstDecision: duration(d?.first_decisions ?? 0, d?.first_median ?? null, d?.first_p90 ?? null),
    reviewerResponse: duration(r?.responses ?? 0, r?.response_median ?? null, r?.response_p90 ?? null),
    invitationsExpired: r?.expired ?? 0,
    reviewCompletion: duration(r?.completions ?? 0, r?.completion_median ?? null, r?.completion_p90 ?? null),
    overdueNow: r?.overdue_now ?? 0,
  };
}

export async function buildReport(
  db: Database,
  venue: { id: string; name: string; kind: string },
  scope: ReportScope,
): Promise<ReportView> {
  const [calls, submissions, decisions, reviewers, outcomes, months] = await Promise.all([
    loadVenueCalls(db, venue.id),
    countSubmissions(db, scope),
    countDecisions(db, scope),
    countReviewerTimes(db, scope),
    countOutcomes(db, scope),
    countMonths(db, scope),
  ]);
  const isAward = venue.kind === 'award';
  const partsOf = (callId: string | null): RowParts => ({
    submissions: submissions.find((row) => row.call_id === callId),
    decisions: decisions.find((row) => row.call_id === callId),
    reviewers: reviewers.find((row) => row.call_id === callId),
  });
  const chosen = scope.callId ? calls.filter((call) => call.id === scope.callId) : calls;
  // A call with nothing sent to it yet has nothing to count: its row would be all noughts.
  const counted = new Set(submissions.map((row) => row.call_id));
  const byCall = chosen
    .filter((call) => counted.has(call.id))
    .map((call) => figures(call.id, call.title, isAward, partsOf(call.id)));
  const total = figures(null, scope.callId ? (chosen[0]?.title ?? 'This call') : 'All calls', isAward, partsOf(null));
  const ordered = isAward ? awardOutcomes : journalOutcomes;
  const outcomeRows: ReportOutcome[] = [
    ...ordered,
    ...outcomes.map((row) => row.outcome).filter((outcome) => !ordered.includes(outcome)),
  ].map((outcome) => ({
    outcome,
    label: outcomeLabels[outcome] ?? outcome,
    count: outcomes.find((row) => row.outcome === outcome)?.count ?? 0,
  }));
  return {
    venue: { id: venue.id, name: venue.name, kind: venue.kind },
    timeZone: scope.timeZone,
    filter: { callId: scope.callId, from: scope.from, to: scope.to },
    calls: calls.map((call) => ({ id: call.id, title: call.title })),
    generatedAt: scope.now.toISOString(),
    total,
    byCall,
    outcomes: outcomeRows,
    months,
  };
}
