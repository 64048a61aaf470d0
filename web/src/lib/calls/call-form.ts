// The call form's values as the editor types them, and their translation to and from CallInput.
// Deadlines are wall times in the call's zone; "midnight at the end of 1 July" is stored as
// 2 July 00:00, as the API expects.
import { callProblems, callSlug, callTitle, pageLimit, wordLimit } from '@gaps/server/validation';
import type { ApplicationFieldType, BlindMode, Call, CallInput } from '../api/types.ts';
import type { FieldErrors } from '../forms/form-state.svelte.ts';
import { figure, refusal, wholeNumber } from '../forms/validate.ts';
import { fromLocalInput, toLocalInput } from '../time.ts';

export interface CategoryRow {
  row: number;
  name: string;
  description: string;
}

export interface DeclarationRow {
  row: number;
  /** Kept once saved: drafts refer to a declaration by its key. */
  key: string;
  text: string;
}

export interface FieldRow {
  row: number;
  key: string;
  label: string;
  type: ApplicationFieldType;
  required: boolean;
  help: string;
}

export interface CallFormValues {
  title: string;
  slug: string;
  description: string;
  categories: CategoryRow[];
  opensAt: string;
  rolling: boolean;
  deadlineDate: string;
  midnight: boolean;
  deadlineTime: string;
  timeZone: string;
  wordLimit: string;
  pageLimit: string;
  singleAuthor: boolean;
  declarations: DeclarationRow[];
  applicationFormFields: FieldRow[];
  blindMode: BlindMode;
  rubricId: string;
  feeNote: string;
}

let rowCounter = 0;
export const nextRow = () => ++rowCounter;

/** "2027-07-01" plus or minus days, on the calendar (no zones involved). */
export function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return shifted.toISOString().slice(0, 10);
}

export function emptyCallForm(now = new Date()): CallFormValues {
  const timeZone = 'Europe/London';
  return {
    title: '',
    slug: '',
    description: '',
    categories: [],
    opensAt: `${toLocalInput(now.toISOString(), timeZone).slice(0, 10)}T00:00`,
    rolling: false,
    deadlineDate: '',
    midnight: true,
    deadlineTime: '17:00',
    timeZone,
    wordLimit: '',
    pageLimit: '',
    singleAuthor: false,
    declarations: [],
    applicationFormFields: [],
    blindMode: 'double',
    rubricId: '',
    feeNote: '',
  };
}

export function callToForm(call: Call): CallFormValues {
  const local = call.deadlineLocal;
  const midnight = Boolean(local?.endsWith('T00:00'));
  return {
    title: call.title,
    slug: call.slug,
    description: call.description,
    categories: call.categories.map((c) => ({ row: nextRow(), name: c.name, description: c.description })),
    opensAt: toLocalInput(call.opensAt, call.timeZone),
    rolling: local === null,
    deadlineDate: local ? (midnight ? shiftDate(local.slice(0, 10), -1) : local.slice(0, 10)) : '',
    midnight: local ? midnight : true,
    deadlineTime: local && !midnight ? local.slice(11, 16) : '17:00',
    timeZone: call.timeZone,
    wordLimit: call.wordLimit ? String(call.wordLimit) : '',
    pageLimit: call.pageLimit ? String(call.pageLimit) : '',
    singleAuthor: call.singleAuthor,
    declarations: call.declarations.map((d) => ({ row: nextRow(), key: d.key, text: d.text })),
    applicationFormFields: call.applicationFormFields.map((f) => ({
      row: nextRow(),
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      help: f.help ?? '',
    })),
    blindMode: call.blindMode,
    rubricId: call.rubricId ?? '',
    feeNote: call.feeNote ?? '',
  };
}

/** "2027-07-02T00:00", or null for a rolling call (or no date yet). */
export function deadlineLocal(values: CallFormValues): string | null {
  if (values.rolling || !values.deadlineDate) return null;
  if (values.midnight) return `${shiftDate(values.deadlineDate, 1)}T00:00`;
  return `${values.deadlineDate}T${values.deadlineTime || '00:00'}`;
}

/** A key the API accepts, made from words: "I have not been published" → "i_have_not_been_published". */
export function keyFrom(text: string, taken: Set<string>, fallback: string): string {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (words.length > 0 && !/^[a-z]/.test(words[0]!)) words.shift();
  // Whole words only, up to 32 characters: "i_have_not_previously_been", not "…publi".
  let base = '';
  for (const word of words) {
    const longer = base ? `${base}_${word}` : word;
    if (longer.length > 32) break;
    base = longer;
  }
  base ||= words[0]?.slice(0, 32) || fallback;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/** "Clare Winnicott Awards 2027" → "clare-winnicott-awards-2027". */
export function slugFrom(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const count = (text: string) => (text.trim() ? wholeNumber(text) : null);

/**
 * What the API would refuse, found before sending. The rules for the title, short name and limits
 * are the API's own schemas (@gaps/server/validation); only the wording is the form's.
 */
export function findCallErrors(values: CallFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const title = refusal(callTitle, values.title);
  if (title?.kind === 'too_small') errors.title = `Give the call a title of at least ${title.limit} characters.`;
  else if (title?.kind === 'too_big') errors.title = `Keep the title to ${figure(title.limit)} characters or fewer.`;
  if (refusal(callSlug, values.slug)) {
    errors.slug = `Use ${callSlug.minLength} to ${callSlug.maxLength} lower-case letters, digits and hyphens, like awards-2027.`;
  }
  if (!fromLocalInput(values.opensAt, values.timeZone)) errors.opensAt = 'Choose the date and time the call opens.';
  if (!values.rolling && !values.deadlineDate) {
    errors.deadlineLocal = 'Choose the day the call closes, or choose “Rolling call: no deadline”.';
  } else if (!values.rolling && !values.midnight && !/^\d{2}:\d{2}$/.test(values.deadlineTime)) {
    errors.deadlineLocal = 'Choose the time the call closes, like 17:00.';
  }
  for (const [field, rule, unit] of [
    ['wordLimit', wordLimit, 'words'],
    ['pageLimit', pageLimit, 'pages'],
  ] as const) {
    const text = values[field];
    if (!text.trim()) continue;
    const limit = wholeNumber(text);
    const problem = limit === null ? ({ kind: 'invalid' } as const) : refusal(rule, limit);
    if (problem?.kind === 'too_big')
      errors[field] = `Write at most ${figure(problem.limit)} ${unit}, or leave it empty.`;
    else if (problem) errors[field] = 'Write a whole number, like 3500, or leave it empty.';
  }
  if (values.categories.some((c) => !c.name.trim() && c.description.trim())) {
    errors.categories = 'Give every category a name (or remove the row).';
  }
  // The rules across fields are the API's own (callProblems); only the wording is the form's.
  const opens = fromLocalInput(values.opensAt, values.timeZone);
  const problems = callProblems({
    opensAt: opens ? opens.toISOString() : '',
    deadlineLocal: deadlineLocal(values),
    timeZone: values.timeZone,
    categories: values.categories,
  });
  for (const { problem } of problems) {
    if (problem === 'deadline_not_after_opening')
      errors.deadlineLocal ??= 'Choose a closing day and time after the call opens.';
    if (problem === 'category_names_repeat') errors.categories = 'Give each category a different name.';
  }
  return errors;
}

export function toCallInput(values: CallFormValues): CallInput {
  const declarationKeys = new Set(values.declarations.map((d) => d.key).filter(Boolean));
  const fieldKeys = new Set(values.applicationFormFields.map((f) => f.key).filter(Boolean));
  const opens = fromLocalInput(values.opensAt, values.timeZone);
  return {
    slug: values.slug.trim(),
    title: values.title.trim(),
    description: values.description.trim(),
    categories: values.categories
      .filter((c) => c.name.trim() || c.description.trim())
      .map((c) => ({ name: c.name.trim(), description: c.description.trim() })),
    opensAt: opens ? opens.toISOString() : '',
    deadlineLocal: deadlineLocal(values),
    timeZone: values.timeZone,
    wordLimit: count(values.wordLimit),
    pageLimit: count(values.pageLimit),
    declarations: values.declarations
      .filter((d) => d.text.trim())
      .map((d) => ({ key: d.key || keyFrom(d.text, declarationKeys, 'declaration'), text: d.text.trim() })),
    applicationFormFields: values.applicationFormFields
      .filter((f) => f.label.trim())
      .map((f) => ({
        key: f.key || keyFrom(f.label, fieldKeys, 'question'),
        label: f.label.trim(),
        type: f.type,
        required: f.required,
        ...(f.help.trim() ? { help: f.help.trim() } : {}),
      })),
    blindMode: values.blindMode,
    singleAuthor: values.singleAuthor,
    rubricId: values.rubricId || null,
    feeNote: values.feeNote.trim() || null,
  };
}
