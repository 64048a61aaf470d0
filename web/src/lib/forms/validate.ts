// Checks made before sending, so simple slips are caught at once. The rules are the API's own
// zod schemas (@gaps/server/validation), so they cannot drift; the API checks again and has the
// last word. Only the wording here is the pages' own.
import { email, emailDomain, emailDomains, newPassword, orcid } from '@gaps/server/validation';
import type { z } from 'zod';
import type { FieldErrors } from './form-state.svelte.ts';

export const ORCID_EXAMPLE = '0000-0002-1825-0097';

/**
 * Why the API's rule refuses a value, so a page can say it in its own words: too short or too
 * few (with the rule's minimum), too long or too many (with its maximum), or otherwise wrong.
 * Null when the rule accepts the value.
 */
export type Refusal = { kind: 'too_small'; limit: number } | { kind: 'too_big'; limit: number } | { kind: 'invalid' };

export function refusal(rule: z.ZodType, value: unknown): Refusal | null {
  const result = rule.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (issue?.code === 'too_small') return { kind: 'too_small', limit: Number(issue.minimum) };
  if (issue?.code === 'too_big') return { kind: 'too_big', limit: Number(issue.maximum) };
  return { kind: 'invalid' };
}

/** 100000 → "100,000", as the messages write limits. */
export const figure = (value: number) => value.toLocaleString('en-GB');

/** "3,500" or "3 500" → 3500; null unless the text is digits (with thousands separators). */
export function wholeNumber(text: string): number | null {
  const digits = text.trim().replace(/[,\s]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

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
    else {
      const list = refusal(emailDomains, domains);
      if (list?.kind === 'too_big') this.#add(field, `List at most ${list.limit} domains.`);
    }
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
