// A panel's marks as they keep them today, in a spreadsheet saved as CSV: one row per judge's mark
// of one entry, header `entry,category,judge,score`. csv-parse does the CSV itself (quoted fields
// with commas or line breaks, a byte-order mark, Windows or Unix line ends); this file says, by
// line number, what is wrong with the marks and how to fix it.
import { CsvError, parse } from 'csv-parse/sync';
import type { Mark } from './calibration.ts';

const plainDecimal = /^-?\d+(\.\d+)?$/;

export const MARKS_HEADER = ['entry', 'category', 'judge', 'score'] as const;

/** Bad marks: `line` is the line of the file to look at (1 is the header), when there is one. */
export class MarksCsvError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `Line ${line}: ${message}`);
    this.name = 'MarksCsvError';
    this.line = line;
  }
}

type Row = { record: string[]; info: { lines: number } };

/** Reads the marks, or throws MarksCsvError saying where and what to fix. */
export function readMarksCsv(text: string): Mark[] {
  let rows: Row[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // Spreadsheets and hand edits mix line ends; accept any of them on any line.
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as Row[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      throw new MarksCsvError(`this is not valid CSV (${error.message}). Check the quotes on this line.`, line);
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header)
    throw new MarksCsvError(`the file is empty: its first line must be the header ${MARKS_HEADER.join(',')}.`);
  const column = columnsOf(header);
  if (body.length === 0)
    throw new MarksCsvError('the file has a header but no marks: add one row for each judge’s mark of an entry.');

  const marks: Mark[] = [];
  const seen = new Map<string, number>();
  const categoryOf = new Map<string, { category: string; line: number }>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== MARKS_HEADER.length)
      throw new MarksCsvError(
        `expected 4 values (entry, category, judge, score) but found ${record.length}. ` +
          'Put quotes around a value that contains a comma.',
        line,
      );
    const value = Object.fromEntries(MARKS_HEADER.map((name) => [name, record[column[name]]!])) as Record<
      (typeof MARKS_HEADER)[number],
      string
    >;
    for (const name of MARKS_HEADER)
      if (value[name] === '') throw new MarksCsvError(`the ${name} is empty: fill in every column.`, line);
    // Plain decimals only: Number() would also read "0x10" as 16, "1e3" as 1000 and "Infinity",
    // none of which a judge meant.
    if (!plainDecimal.test(value.score))
      throw new MarksCsvError(
        `the score “${value.score}” is not a number: write it in plain digits, like 3 or 3.5.`,
        line,
      );
    const score = Number(value.score);

    const pair = `${value.entry}\u0000${value.judge}`;
    const earlier = seen.get(pair);
    if (earlier !== undefined)
      throw new MarksCsvError(
        `${value.judge} already marked ${value.entry} on line ${earlier}: keep one mark per judge and entry.`,
        line,
      );
    seen.set(pair, line);
    const placed = categoryOf.get(value.entry);
    if (placed && placed.category !== value.category)
      throw new MarksCsvError(
        `${value.entry} is in category “${value.category}” here but “${placed.category}” on line ${placed.line}: ` +
          'an entry belongs to one category.',
        line,
      );
    categoryOf.set(value.entry, { category: value.category, line });
    marks.push({ entry: value.entry, category: value.category, judge: value.judge, score });
  }
  return marks;
}

/** Where each column is; the names are matched whatever their case, in any order. */
function columnsOf(header: Row): Record<(typeof MARKS_HEADER)[number], number> {
  const names = header.record.map((name) => name.toLowerCase());
  const wrong = () =>
    new MarksCsvError(
      `the header must be ${MARKS_HEADER.join(',')} (found “${header.record.join(',')}”).`,
      header.info.lines,
    );
  if (names.length !== MARKS_HEADER.length || new Set(names).size !== names.length) throw wrong();
  const index = Object.fromEntries(MARKS_HEADER.map((name) => [name, names.indexOf(name)]));
  if (Object.values(index).some((i) => i < 0)) throw wrong();
  return index as Record<(typeof MARKS_HEADER)[number], number>;
}
