// The "Check and submit" step's counts in words: no "0 of 0 confirmed", and an optional question
// left empty does not read as something missing.
import { counted } from '../venues/venue-words.ts';

export function declarationsSummary(confirmed: number, asked: number, wordCount: string): string {
  const words = /^\d+$/.test(wordCount.trim().replaceAll(',', ''))
    ? counted(Number(wordCount.trim().replaceAll(',', '')), 'word')
    : wordCount.trim();
  const declared = words ? `${words} declared` : '';
  if (asked === 0) return declared ? `Nothing to confirm; ${declared}` : 'Nothing to confirm';
  const confirmedText =
    confirmed >= asked ? (asked === 1 ? 'Confirmed' : `All ${asked} confirmed`) : `${confirmed} of ${asked} confirmed`;
  return declared ? `${confirmedText}; ${declared}` : confirmedText;
}

export function answersSummary(
  fields: ReadonlyArray<{ key: string; required: boolean }>,
  answers: Record<string, string | undefined>,
): string {
  const answered = (field: { key: string }) => Boolean(answers[field.key]?.trim());
  const required = fields.filter((field) => field.required);
  const requiredAnswered = required.filter(answered).length;
  const optionalAnswered = fields.filter((field) => !field.required && answered(field)).length;
  const optional = optionalAnswered ? `, and ${counted(optionalAnswered, 'optional one')}` : '';
  if (required.length === 0) {
    return optionalAnswered
      ? `${counted(optionalAnswered, 'optional question')} answered (none are required)`
      : 'Nothing answered; none of the questions are required';
  }
  if (required.length === 1) {
    return requiredAnswered
      ? `The required question is answered${optional}`
      : `The required question is not answered yet${optional}`;
  }
  if (requiredAnswered === required.length) return `All ${required.length} required questions answered${optional}`;
  return `${requiredAnswered} of ${required.length} required questions answered${optional}`;
}
