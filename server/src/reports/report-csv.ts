// The report's tables as CSV (RFC 4180: comma-separated, quoted where needed, CRLF), for a
// spreadsheet. A cell that starts with = + - @ (or a tab or carriage return) would be read as a
// formula by Excel or LibreOffice, so it gets a leading apostrophe: a call title like
// "=HYPERLINK(…)" stays text. Numbers are written plainly; a negative number cannot occur here.
import type { ReportFigures, ReportView } from '../blinding/project-report.ts';
import type { ReportTable } from './report.schemas.ts';

type Cell = string | number | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** With a byte-order mark first: without it, Excel reads UTF-8 as the PC's old code page (’ → â€™). */
export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function callTable(report: ReportView) {
  const award = report.venue.kind === 'award';
  const header = [
    'Call',
    'Received',
    'Being screened now',
    'In review now',
    'With the authors for revision now',
    award ? 'Results announced' : 'Final decisions',
    award ? 'Placed (winner or commended)' : 'Accepted',
    award ? 'Placed (%)' : 'Acceptance rate (%)',
    'First decisions',
    'Median days to first decision',
    '90th percentile days to first decision',
    'Answers to invitations',
    'Median days to answer',
    '90th percentile days to answer',
    'Invitations expired unanswered',
    'Reviews completed',
    'Median days from acceptance to review',
    '90th percentile days from acceptance to review',
    'Reviews overdue now',
  ];
  const row = (f: ReportFigures): Cell[] => [
    f.callTitle,
    f.received,
    f.beingScreenedNow,
    f.inReviewNow,
    f.withAuthorsNow,
    f.decided,
    award ? f.placed : f.accepted,
    percent(award ? f.placedRate : f.acceptanceRate),
    f.firstDecision.count,
    f.firstDecision.medianDays,
    f.firstDecision.p90Days,
    f.reviewerResponse.count,
    f.reviewerResponse.medianDays,
    f.reviewerResponse.p90Days,
    f.invitationsExpired,
    f.reviewCompletion.count,
    f.reviewCompletion.medianDays,
    f.reviewCompletion.p90Days,
    f.overdueNow,
  ];
  // The total comes last, as in the page's table; with one call chosen it is that call's row.
  const rows = report.filter.callId ? [row(report.total)] : [...report.byCall.map(row), row(report.total)];
  return toCsv(header, rows);
}

export function reportCsv(report: ReportView, table: ReportTable): string {
  switch (table) {
    case 'calls':
      return callTable(report);
    case 'outcomes':
      return toCsv(
        ['Outcome', 'Decisions'],
        report.outcomes.map((o) => [o.label, o.count]),
      );
    case 'months':
      return toCsv(
        ['Month', 'Received', 'Decided'],
        report.months.map((m) => [m.month, m.received, m.decided]),
      );
  }
}

/**
 * "jswp-calls-2027-01-01-to-2027-06-30.csv": the venue's slug-like name, the table and the days,
 * letters, digits and hyphens only (a file name is a header, and no title ever goes in it).
 */
export function csvFileName(report: ReportView, table: ReportTable, venueSlug: string): string {
  const safe = (text: string) =>
    text
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
  const days = `${report.filter.from ?? 'start'}-to-${report.filter.to ?? report.generatedAt.slice(0, 10)}`;
  const call = report.filter.callId ? '-one-call' : '';
  return `${safe(venueSlug) || 'venue'}-${table}${call}-${safe(days)}.csv`;
}
