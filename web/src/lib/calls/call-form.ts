// The call form's values as the editor types them, and their translation to and from CallInput.
// Deadlines are wall times in the call's zone; "midnight at the end of 1 July" is stored as
// 2 July 00:00, as the API expects.
import type { ApplicationFieldType, BlindMode, Call, CallInput } from '../api/types.ts';
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

const count = (text: string) => {
  const digits = text.trim().replace(/[,\s]/g, '');
  return digits ? Number(digits) : null;
};

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
