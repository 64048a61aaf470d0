// How the reports page writes its numbers: months, days and shares in plain words.
import { monthNames } from '../time.ts';

/** "2027-03" → "March 2027". */
export function monthInWords(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${monthNames[number - 1]} ${year}`;
}

/** "2027-03" → "Mar", or "Mar 2027" when the year should be said (January, or the first bar). */
export function shortMonth(month: string, withYear: boolean): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const name = monthNames[number - 1]!.slice(0, 3);
  return withYear ? `${name} ${year}` : name;
}

/** 12.5 → "12.5 days", 1 → "1 day", null → "none yet". */
export function daysInWords(days: number | null): string {
  if (days === null) return 'none yet';
  return `${days.toLocaleString('en-GB')} ${days === 1 ? 'day' : 'days'}`;
}

/** 0.333 → "33.3%", null → "none decided yet". */
export function percentInWords(rate: number | null): string {
  if (rate === null) return 'none decided yet';
  return `${(Math.round(rate * 1000) / 10).toLocaleString('en-GB')}%`;
}

/** "a submission", "an entry". */
export const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
