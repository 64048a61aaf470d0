// The award's words, in one place: the outcomes' names, marks and means, and the announced result
// in plain words as the entrant's page and the editor's page say it.
import type { AwardOutcome } from '../api/awards.ts';
import type { AuthorView } from '../api/types.ts';

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

type Award = NonNullable<AuthorView['award']>;

/** "Your essay won the Student category of the Clare Winnicott Essay Awards 2026". */
export function resultSentence(award: Award): string {
  const round = `the ${award.venueName} ${award.year}`;
  const category = award.categoryName ? `the ${award.categoryName} category of ${round}` : round;
  switch (award.outcome) {
    case 'winner':
      return `Your essay won ${category}.`;
    case 'commended':
      return `Your essay was commended in ${category}.`;
    case 'shortlisted':
      return `Your essay was shortlisted in ${category}. It did not win or receive a commendation this time.`;
    default:
      return `Your essay was not among the winners of ${round}. Thank you for entering.`;
  }
}
