// The award page's words for outcomes and numbers, in one place.
import type { AwardOutcome } from '../../api/awards.ts';

const outcomes: Record<AwardOutcome, string> = {
  winner: 'Winner',
  shortlisted: 'Shortlisted',
  commended: 'Commended',
  not_placed: 'Not placed',
};

export const outcomeLabel = (outcome: AwardOutcome) => outcomes[outcome];
export const outcomeChoices = Object.entries(outcomes) as Array<[AwardOutcome, string]>;

/** Marks and means to two decimals at most ("7", "6.5", "6.33"). */
export const score = (value: number) => String(Math.round(value * 100) / 100);
