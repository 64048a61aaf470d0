// Dates people type for calls and extensions. The format checks alone let through dates that do
// not exist (30 February, which PostgreSQL then refuses with a 500) and absurd years (a call
// opening in year 1, an extension to 9999) that are always a typing slip. Ten years either side of
// today covers every real call and keeps the slip from being stored.
import { z } from 'zod';

export const PLAUSIBLE_YEARS = 10;
const plausibleMessage = `choose a date within ${PLAUSIBLE_YEARS} years of today`;

export function isPlausible(date: Date, now = new Date()): boolean {
  const span = new Date(now);
  span.setUTCFullYear(now.getUTCFullYear() + PLAUSIBLE_YEARS);
  const earliest = new Date(now);
  earliest.setUTCFullYear(now.getUTCFullYear() - PLAUSIBLE_YEARS);
  return date >= earliest && date <= span;
}

/** True when "2027-02-30T10:00" names a real day and time (the regex alone accepts it). */
function isRealLocalDateTime(local: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    asUtc.getUTCFullYear() === year &&
    asUtc.getUTCMonth() === month - 1 &&
    asUtc.getUTCDate() === day &&
    asUtc.getUTCHours() === hour &&
    asUtc.getUTCMinutes() === minute &&
    asUtc.getUTCSeconds() === second
  );
}

/** An instant with its offset, e.g. 2027-07-01T23:59:00+01:00, within ten years of today. */
export const plausibleInstant = z.iso
  .datetime({ offset: true })
  .refine((value) => isPlausible(new Date(value)), { message: plausibleMessage });

/** A wall-clock time in a call's zone, e.g. 2027-07-01T23:59, on a real day within ten years of today. */
export const plausibleLocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { message: 'write the deadline as 2027-07-01T23:59', abort: true })
  .refine(isRealLocalDateTime, { message: 'that date does not exist: check the day and the month' })
  .refine((value) => isPlausible(new Date(`${value}Z`)), { message: plausibleMessage });
