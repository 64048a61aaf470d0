// Keyset paging cursors for submission lists: the last row's sort value and id, opaque to the
// browser. A cursor is input like any other, so a damaged one answers 400, never 500.
import { z } from 'zod';
import { HttpError } from '../plugins/errors.ts';

/** The SQL that renders a timestamp as the cursor keeps it: UTC, microseconds, whatever the session's zone. */
export const cursorTimestampFormat = `YYYY-MM-DD"T"HH24:MI:SS.US"Z"`;

const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  // The pattern admits 31 February; the round trip does not.
  .refine((value) => {
    const milliseconds = `${value.slice(0, 23)}Z`;
    const date = new Date(milliseconds);
    return !Number.isNaN(date.getTime()) && date.toISOString() === milliseconds;
  });
const text = z
  .string()
  .max(1000)
  .refine((value) => !value.includes('\u0000'));

export interface PageCursor {
  /** The sort the cursor was made for: a cursor from another sort would land anywhere. */
  sort: string;
  value: string | null;
  id: string;
}

const cursorSchema = z.object({ s: z.string(), v: z.string().nullable(), id: z.uuid() });

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.sort, v: cursor.value, id: cursor.id })).toString('base64url');
}

export const invalidCursor = () =>
  new HttpError(
    400,
    'invalid_cursor',
    'That page link is damaged or out of date. Go back to the first page of the list and page on from there.',
  );

/** The cursor in `raw`, checked against the sort it is used with; throws 400 when it does not fit. */
export function decodeCursor(
  raw: string | undefined,
  sort: string,
  valueType: 'timestamp' | 'text',
): PageCursor | null {
  if (raw === undefined || raw === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.s !== sort) throw invalidCursor();
  const { v, id } = parsed.data;
  if (v !== null && !(valueType === 'timestamp' ? timestamp : text).safeParse(v).success) throw invalidCursor();
  return { sort, value: v, id };
}
