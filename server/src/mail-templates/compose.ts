// Turns a draft into the message that goes to the outbox: the venue's own words for this kind if it
// saved some, else the default; the values the kind declares and nothing else; dates in the reader's
// zone. A stored template that no longer renders (written behind the API's back, or saved before a
// variable was withdrawn) never yields a blank or a guess: the default is used and a warning logged.
import type { DB } from '@gaps/db';
import { type OutgoingMail, queueMail } from '@gaps/workers/shared';
import type { Kysely } from 'kysely';
import pino from 'pino';
import {
  type CheckedTemplate,
  checkTemplate,
  type RenderedParts,
  renderTemplate,
  type TemplateSource,
  type TemplateValue,
} from './engine.ts';
import { htmlFromText, inLayout } from './layout.ts';
import type { MailDraft, MailKind, MailValue } from './mail-kind.ts';
import { dateTimeFor } from './words.ts';

/** A database or a transaction (Transaction<DB> is a Kysely<DB>). */
type Executor = Kysely<DB>;

const log = pino({ name: 'mail-templates', level: 'warn' });

const defaults = new Map<string, CheckedTemplate>();

/** The kind's variables that are links (printed only on their own: template-safety.ts). */
export const linksOf = (kind: MailKind) =>
  Object.entries(kind.variables)
    .filter(([, v]) => v.kind === 'link')
    .map(([name]) => name);

/**
 * The site's address as the draft's own links give it (they are all made from PUBLIC_URL); null
 * when the message has no link, and then addresses in a stored template are not checked here.
 */
function siteUrlOf(kind: MailKind, values: Record<string, MailValue>): string | null {
  for (const name of linksOf(kind)) {
    const value = values[name];
    if (typeof value === 'string' && URL.canParse(value)) return new URL(value).origin;
  }
  return null;
}

/** The kind's default words, parsed once (a default that does not parse is a bug: it throws). */
export function checkedDefault(kind: MailKind): CheckedTemplate {
  let checked = defaults.get(kind.key);
  if (!checked) {
    checked = checkTemplate(kind, Object.keys(kind.variables), { links: linksOf(kind), siteUrl: null });
    defaults.set(kind.key, checked);
  }
  return checked;
}

/**
 * The values a template sees: exactly the kind's variables (a value the kind does not declare is a
 * programming error, refused here so the catalogue stays the truth), dates written for the reader.
 */
export function templateValues(kind: MailKind, values: Record<string, MailValue>, timeZone: string | undefined) {
  const out: Record<string, TemplateValue> = {};
  for (const name of Object.keys(values)) {
    if (!(name in kind.variables)) throw new Error(`mail ${kind.key}: "${name}" is not one of its variables`);
  }
  for (const name of Object.keys(kind.variables)) {
    const value = values[name];
    if (value === undefined) throw new Error(`mail ${kind.key}: no value for "${name}"`);
    if (value instanceof Date) {
      if (!timeZone) throw new Error(`mail ${kind.key}: a date needs the reader's time zone`);
      out[name] = dateTimeFor(value, timeZone);
    } else out[name] = value;
  }
  return out;
}

/** Subject, text and the HTML in the layout (made from the text when the template has no HTML). */
export async function renderParts(parts: RenderedParts): Promise<{ subject: string; text: string; html: string }> {
  return {
    subject: parts.subject,
    text: parts.text,
    html: await inLayout(parts.subject, parts.html ?? htmlFromText(parts.text)),
  };
}

/** The default words for a draft, without the HTML layout (pure: the unit tests read these). */
export function renderDefault(draft: MailDraft): RenderedParts {
  return renderTemplate(checkedDefault(draft.kind), templateValues(draft.kind, draft.values, draft.to.timeZone));
}

export async function savedTemplate(db: Executor, key: string, venueId: string | null): Promise<TemplateSource | null> {
  const row = await db
    .selectFrom('mail_template')
    .select(['subject', 'text_body', 'html_body'])
    .where('key', '=', key)
    .where((eb) => (venueId === null ? eb('venue_id', 'is', null) : eb('venue_id', '=', venueId)))
    .executeTakeFirst();
  return row ? { subject: row.subject, text: row.text_body, html: row.html_body } : null;
}

export async function composeMail(db: Executor, draft: MailDraft): Promise<OutgoingMail> {
  const { kind } = draft;
  const values = templateValues(kind, draft.values, draft.to.timeZone);
  const saved = await savedTemplate(db, kind.key, draft.venueId);
  let parts: RenderedParts | null = null;
  if (saved) {
    try {
      // The same checks as at saving: a template stored behind the API's back that glues a link into
      // another address, or loads images from elsewhere, is not sent.
      const rules = { links: linksOf(kind), siteUrl: siteUrlOf(kind, draft.values) };
      parts = renderTemplate(checkTemplate(saved, Object.keys(kind.variables), rules), values);
    } catch (error) {
      log.warn(
        { template: kind.key, venueId: draft.venueId, err: (error as Error).message },
        'a saved mail template does not render or breaks the rules for links and HTML: the default was sent instead',
      );
    }
  }
  parts ??= renderTemplate(checkedDefault(kind), values);
  const { subject, text, html } = await renderParts(parts);
  return {
    to: draft.to.email,
    personId: draft.to.personId,
    template: kind.key,
    subject,
    text,
    html,
    ...(draft.assignmentId ? { assignmentId: draft.assignmentId } : {}),
  };
}

/** Words the draft and puts it in the outbox, in the caller's transaction. */
export async function queueMessage(db: Executor, draft: MailDraft): Promise<string> {
  return queueMail(db, await composeMail(db, draft));
}
