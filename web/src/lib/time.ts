// Times are shown in the viewer's zone: the one in their profile, else their device's.

export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone the browser knows, plus `extra` (e.g. a stored zone the browser lists under another name). */
export function timeZoneChoices(...extra: string[]): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // Very old browsers: the list is then just the zones we already know about.
  }
  return [...new Set([...zones, 'UTC', ...extra.filter(Boolean)])].sort((a, b) => a.localeCompare(b));
}

/** "24 Nov 2026, 14:05 GMT" in the given zone; an invalid zone falls back to the device's. */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(date);
  }
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The clock on the wall in `timeZone` at an instant. */
export function wallTime(date: Date, timeZone: string): WallTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2027-07-02T00:00": the wall time as a datetime-local input writes it. */
export function toLocalInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const wall = wallTime(new Date(iso), timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * The instant a wall time ("2027-07-02T00:00") means in a zone, or null when that time does
 * not exist there (the clocks go forward past it) or cannot be read.
 */
export function fromLocalInput(local: string, timeZone: string): Date | null {
  const match = local.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Two rounds find the offset in force at the instant itself, also just after a change of clocks.
  let instant = asUtc;
  for (let round = 0; round < 2; round++) {
    const wall = wallTime(new Date(instant), timeZone);
    const offset = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - instant;
    instant = asUtc - offset;
  }
  const check = wallTime(new Date(instant), timeZone);
  const same =
    check.year === year && check.month === month && check.day === day && check.hour === hour && check.minute === minute;
  return same ? new Date(instant) : null;
}

/** "Europe/London" → "London time"; "UTC" → "UTC". */
export function zoneName(timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  const city = timeZone.split('/').at(-1) ?? timeZone;
  return `${city.replaceAll('_', ' ')} time`;
}

/** English month names, January first. */
export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dayText(wall: Pick<WallTime, 'year' | 'month' | 'day'>, withYear: boolean): string {
  return `${wall.day} ${monthNames[wall.month - 1]}${withYear ? ` ${wall.year}` : ''}`;
}

/**
 * "midnight at the end of 1 July 2027" or "17:00 on 1 July 2027", in `timeZone`. Midnight is
 * named after the day it ends, as the calls themselves say it ("midnight on 1 July").
 */
export function describeInstant(iso: string, timeZone: string, options: { withYear?: boolean } = {}): string {
  const withYear = options.withYear ?? true;
  const date = new Date(iso);
  const wall = wallTime(date, timeZone);
  if (wall.hour === 0 && wall.minute === 0) {
    const dayBefore = wallTime(new Date(date.getTime() - 12 * 3600_000), timeZone);
    return `midnight at the end of ${dayText(dayBefore, withYear)}`;
  }
  return `${pad(wall.hour)}:${pad(wall.minute)} on ${dayText(wall, withYear)}`;
}

/**
 * A deadline in the call's own zone, and in the viewer's when that differs:
 * "midnight at the end of 1 July 2027, London time (01:00 on 2 July in your time zone, Europe/Paris)".
 */
export function describeDeadline(iso: string, callZone: string, viewerZone: string): string {
  const inCallZone = `${describeInstant(iso, callZone)}, ${zoneName(callZone)}`;
  const date = new Date(iso);
  const call = wallTime(date, callZone);
  const viewer = wallTime(date, viewerZone);
  const sameClock = JSON.stringify(call) === JSON.stringify(viewer);
  if (sameClock) return inCallZone;
  const yearDiffers = call.year !== viewer.year;
  return `${inCallZone} (${pad(viewer.hour)}:${pad(viewer.minute)} on ${dayText(viewer, yearDiffers)} in your time zone, ${viewerZone.replaceAll('_', ' ')})`;
}

/** "14:02" in the zone. */
export function formatClock(date: Date, timeZone: string): string {
  const wall = wallTime(date, timeZone);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** "1 July 2027" in the zone. */
export function formatDay(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  return dayText(wallTime(new Date(iso), timeZone), true);
}
