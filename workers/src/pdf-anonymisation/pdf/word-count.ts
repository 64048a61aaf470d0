// The word count the editor sees and the word limit is checked against. Pure: no PDF library.

/**
 * Words as an editor would count them: runs of letters or digits separated by whitespace, with
 * words hyphenated across a line end counted once. Chinese and Japanese characters count one
 * word each (those scripts do not separate words with spaces), as word processors count them.
 */
export function countWords(text: string): number {
  const joined = text.replace(/(\p{L})[-\u00ad\u2010]\s*\n\s*(\p{Ll})/gu, '$1$2');
  let count = 0;
  for (const token of joined.split(/[\s\u00a0\u2000-\u200b\u3000]+/u)) {
    if (token === '') continue;
    const ideographs = token.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
    count += ideographs;
    const rest =
      ideographs > 0 ? token.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, ' ') : token;
    for (const part of rest.split(' ')) if (/[\p{L}\p{N}]/u.test(part)) count++;
  }
  return count;
}
