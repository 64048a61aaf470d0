// Checks made before sending, so simple slips are caught at once. The rules are the API's own
// zod schemas (@gaps/server/validation), so they cannot drift; the API checks again and has the
// last word. Only the wording here is the pages' own.
import { email, emailDomain, emailDomains, newPassword, orcid } from '@gaps/server/validation';
import type { FieldErrors } from './form-state.svelte.ts';

export const ORCID_EXAMPLE = '0000-0002-1825-0097';

export class Checks {
  readonly errors: FieldErrors = {};

  #add(field: string, message: string) {
    this.errors[field] ??= message;
  }

  required(field: string, value: string, message: string): this {
    if (!value.trim()) this.#add(field, message);
    return this;
  }

  email(field: string, value: string, message = 'Enter an e-mail address, like name@example.org.'): this {
    const trimmed = value.trim();
    if (!trimmed) this.#add(field, 'Enter your e-mail address.');
    else if (!email.safeParse(trimmed).success) this.#add(field, message);
    return this;
  }

  newPassword(field: string, value: string): this {
    if (value.length < (newPassword.minLength ?? 0)) {
      this.#add(
        field,
        `Use at least ${newPassword.minLength} characters. A short sentence is easy to remember and hard to guess.`,
      );
    } else if (!newPassword.safeParse(value).success) {
      this.#add(field, `Use at most ${newPassword.maxLength} characters.`);
    }
    return this;
  }

  same(field: string, value: string, other: string, message: string): this {
    if (value !== other) this.#add(field, message);
    return this;
  }

  orcid(field: string, value: string): this {
    const trimmed = value.trim();
    if (trimmed && !orcid.safeParse(trimmed).success) {
      this.#add(field, `Write your ORCID iD as four groups of four digits, like ${ORCID_EXAMPLE}.`);
    }
    return this;
  }

  domains(field: string, domains: string[]): this {
    const wrong = domains.find((domain) => !emailDomain.safeParse(domain).success);
    if (wrong) this.#add(field, `“${wrong}” does not look like a domain. Write domains like university.ac.uk.`);
    else if (!emailDomains.safeParse(domains).success) this.#add(field, 'List at most 10 domains.');
    return this;
  }
}

/** "a, b ,, c" → ["a", "b", "c"]; commas or new lines separate the items. */
export function splitList(text: string, options: { lowercase?: boolean } = {}): string[] {
  const items = text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => (options.lowercase ? item.toLowerCase() : item));
  return [...new Set(items)];
}
