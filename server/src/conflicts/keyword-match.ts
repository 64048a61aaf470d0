// How well a reviewer's expertise fits a submission. Terms are compared as words without case,
// accents, punctuation or a plural "s", so "Child-protection" fits "child protection" and
// "care leavers" fits an abstract about a care leaver.

/** A term as a list of plain words. */
export function termWords(term: string): string[] {
  return term
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(singular);
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** True when `phrase` occurs in `words` as consecutive whole words. */
function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > words.length) return false;
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

export interface SubmissionTopic {
  title: string;
  abstract: string;
  keywords: readonly string[];
}

export interface KeywordMatch {
  /** The reviewer's areas (as the editor wrote them) that fit the submission. */
  matched: string[];
  /** Two points for an area that fits a keyword, one for an area found only in the title or abstract. */
  score: number;
}

export function matchExpertise(expertise: readonly string[], topic: SubmissionTopic): KeywordMatch {
  const keywords = topic.keywords.map(termWords).filter((words) => words.length > 0);
  const text = termWords(`${topic.title} . ${topic.abstract}`);
  const matched: string[] = [];
  let score = 0;
  for (const area of expertise) {
    const words = termWords(area);
    if (words.length === 0) continue;
    if (keywords.some((keyword) => containsPhrase(keyword, words) || containsPhrase(words, keyword))) {
      matched.push(area);
      score += 2;
    } else if (containsPhrase(text, words)) {
      matched.push(area);
      score += 1;
    }
  }
  return { matched, score };
}
