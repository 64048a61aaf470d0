// What every form needs while it talks to the API: a "Saving…" flag, the problems to show
// next to fields and in the summary, and a success message. What the person typed lives in
// the page's own state and is never touched here, so an error loses nothing.
import { ApiError, networkError } from '../api/errors.ts';

export type FieldErrors = Record<string, string>;

export interface FormOptions {
  /** Prefix for field ids, unique on the page (e.g. "profile" gives "profile-name"). */
  id: string;
  /** The visible label of each field, for the error summary. */
  labels: Record<string, string>;
  /** API error codes that are really about one field (e.g. wrong_password → currentPassword). */
  codeFields?: Record<string, string>;
}

export class FormState {
  readonly id: string;
  readonly labels: Record<string, string>;
  readonly codeFields: Record<string, string>;

  saving = $state(false);
  fieldErrors = $state<FieldErrors>({});
  /** A problem that belongs to no one field, or the API's whole answer. */
  problem = $state<ApiError | null>(null);
  success = $state<string | null>(null);
  /** Goes up on every failed attempt, so the error summary takes focus each time. */
  failures = $state(0);

  constructor(options: FormOptions) {
    this.id = options.id;
    this.labels = options.labels;
    this.codeFields = options.codeFields ?? {};
  }

  fieldId(name: string): string {
    return `${this.id}-${name}`;
  }

  get hasErrors(): boolean {
    return this.problem !== null || Object.keys(this.fieldErrors).length > 0;
  }

  /**
   * Checks the fields, then runs the call. Answers the call's result, or undefined when
   * something was wrong (and is now on show).
   */
  async submit<T>(action: () => Promise<T>, validate?: () => FieldErrors): Promise<T | undefined> {
    if (this.saving) return undefined;
    this.success = null;
    const found = validate?.() ?? {};
    if (Object.keys(found).length > 0) {
      this.fieldErrors = found;
      this.problem = null;
      this.failures++;
      return undefined;
    }
    this.saving = true;
    try {
      const result = await action();
      this.fieldErrors = {};
      this.problem = null;
      return result;
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      this.saving = false;
    }
  }

  /** Shows an error from the API next to its fields (where it names them) and in the summary. */
  fail(error: unknown) {
    const apiError = error instanceof ApiError ? error : networkError();
    if (!(error instanceof ApiError)) console.error(error);
    const fields: FieldErrors = {};
    for (const field of apiError.fields) {
      const name = field.path.split('.')[0] ?? '';
      if (name && !(name in fields)) fields[name] = sentence(field.message);
    }
    const codeField = this.codeFields[apiError.code];
    if (codeField) fields[codeField] = apiError.message;
    this.fieldErrors = fields;
    // Field problems are listed one by one; the API's combined sentence would only repeat them.
    const listedByField =
      Object.keys(fields).length > 0 && (apiError.code === 'invalid_input' || codeField !== undefined);
    this.problem = listedByField ? null : apiError;
    this.failures++;
  }

  /** Clears the problems, e.g. when the form is opened again. */
  reset() {
    this.fieldErrors = {};
    this.problem = null;
    this.success = null;
  }
}

/** "write domains like x" → "Write domains like x." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
