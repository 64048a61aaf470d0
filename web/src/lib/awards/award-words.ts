// The announced result in plain words, as the entrant's page and the editor's page say it.
import type { AuthorView } from '../api/types.ts';

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
