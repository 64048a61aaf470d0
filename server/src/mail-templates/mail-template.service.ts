// A venue's editors reword its messages, and admins the site-wide (account) ones: list them, read
// one (default, saved words, variables), save (checked first: an unknown variable or a syntax error
// is refused, nothing stored), restore the default, and preview unsaved words on sample values.
// `venueId` null means the site-wide messages.
import type { Database, DB } from '@gaps/db';
import type { ExpressionBuilder } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { notFound } from '../plugins/errors.ts';
import { catalogue, mailKind, venueKinds } from './catalogue.ts';
import { linksOf, renderParts, templateValues } from './compose.ts';
import { checkTemplate, renderTemplate, type TemplateSource } from './engine.ts';
import { type MailKind, venueValues } from './mail-kind.ts';
import type { MailKindDetail } from './mail-template.schemas.ts';
import { dateTimeFor } from './words.ts';

/** The preview's reader lives here: its dates say so. */
export const SAMPLE_TIME_ZONE = 'Europe/London';

const site = { id: null, name: 'GAPS Submissions', kind: 'site' };

async function venueOf(db: Database, venueId: string | null) {
  if (venueId === null) return site;
  const venue = await db
    .selectFrom('venue')
    .select(['id', 'name', 'kind'])
    .where('id', '=', venueId)
    .executeTakeFirst();
  if (!venue) throw notFound('venue');
  return venue;
}

/** The kind, if it belongs to this scope: a venue's messages, or the site's account messages. */
function kindIn(venueId: string | null, key: string): MailKind {
  const kind = mailKind(key);
  if (!kind || (kind.audience === 'account') !== (venueId === null)) throw notFound('message');
  return kind;
}

const kindsIn = (venueId: string | null) =>
  venueId === null ? catalogue.filter((kind) => kind.audience === 'account') : venueKinds;

const savedIn = (venueId: string | null) => (eb: ExpressionBuilder<DB, 'mail_template'>) =>
  venueId === null ? eb('mail_template.venue_id', 'is', null) : eb('mail_template.venue_id', '=', venueId);

const allowed = (kind: MailKind) => Object.keys(kind.variables);
/** What an editor's words are checked against: the kind's links and the site's own address. */
const rulesFor = (kind: MailKind, siteUrl: string) => ({ links: linksOf(kind), siteUrl });

/** The kind's samples, with the venue's own name and words (an award's preview speaks of judges). */
function sampleValues(kind: MailKind, venue: { name: string; kind: string }) {
  const values = Object.fromEntries(Object.entries(kind.variables).map(([name, v]) => [name, v.sample]));
  const words = venueValues(venue.name, venue.kind);
  for (const name of Object.keys(words)) if (name in values) values[name] = words[name as keyof typeof words];
  return values;
}

const shown = (value: unknown) =>
  value instanceof Date
    ? dateTimeFor(value, SAMPLE_TIME_ZONE)
    : value === true
      ? 'yes'
      : value === false
        ? 'no'
        : value === null
          ? '(empty)'
          : String(value);

export async function listMailTemplates(db: Database, venueId: string | null) {
  const venue = await venueOf(db, venueId);
  const saved = await db.selectFrom('mail_template').select(['key', 'updated_at']).where(savedIn(venueId)).execute();
  const savedAt = new Map(saved.map((row) => [row.key, row.updated_at]));
  return {
    venue: { id: venue.id, name: venue.name },
    kinds: kindsIn(venueId).map((kind) => ({
      key: kind.key,
      audience: kind.audience,
      title: kind.title,
      description: kind.description,
      customised: savedAt.has(kind.key),
      updatedAt: savedAt.get(kind.key)?.toISOString() ?? null,
    })),
  };
}

export async function mailTemplateDetail(db: Database, venueId: string | null, key: string): Promise<MailKindDetail> {
  const kind = kindIn(venueId, key);
  const venue = await venueOf(db, venueId);
  const saved = await db
    .selectFrom('mail_template')
    .leftJoin('person', 'person.id', 'mail_template.updated_by')
    .select([
      'mail_template.subject',
      'mail_template.text_body',
      'mail_template.html_body',
      'mail_template.updated_at',
      'person.name as updated_by_name',
    ])
    .where(savedIn(venueId))
    .where('mail_template.key', '=', key)
    .executeTakeFirst();
  const samples = sampleValues(kind, venue);
  return {
    key: kind.key,
    audience: kind.audience,
    title: kind.title,
    description: kind.description,
    customised: Boolean(saved),
    updatedAt: saved?.updated_at.toISOString() ?? null,
    venue: { id: venue.id, name: venue.name },
    variables: Object.entries(kind.variables).map(([name, v]) => ({
      name,
      description: v.description,
      kind: v.kind,
      sample: shown(samples[name]),
    })),
    default: { subject: kind.subject, text: kind.text, html: kind.html },
    saved: saved
      ? { subject: saved.subject, text: saved.text_body, html: saved.html_body, updatedByName: saved.updated_by_name }
      : null,
  };
}

/** Renders unsaved words on the sample values; a TemplateError says what to fix. */
export async function previewMailTemplate(
  db: Database,
  siteUrl: string,
  venueId: string | null,
  key: string,
  input: TemplateSource,
) {
  const kind = kindIn(venueId, key);
  const venue = await venueOf(db, venueId);
  const checked = checkTemplate(input, allowed(kind), rulesFor(kind, siteUrl));
  const values = templateValues(kind, sampleValues(kind, venue), SAMPLE_TIME_ZONE);
  return renderParts(renderTemplate(checked, values));
}

export async function saveMailTemplate(
  db: Database,
  audit: AuditContext,
  siteUrl: string,
  venueId: string | null,
  key: string,
  input: TemplateSource,
): Promise<MailKindDetail> {
  const kind = kindIn(venueId, key);
  const venue = await venueOf(db, venueId);
  // Rendered once on the samples too: a template that parses but cannot render (a filter given the
  // wrong kind of value, a loop past the limits) is refused now, not found out when a message is due.
  const checked = checkTemplate(input, allowed(kind), rulesFor(kind, siteUrl));
  renderTemplate(checked, templateValues(kind, sampleValues(kind, venue), SAMPLE_TIME_ZONE));
  await db.transaction().execute(async (trx) => {
    const row = {
      venue_id: venueId,
      key,
      subject: input.subject,
      text_body: input.text,
      html_body: input.html,
      updated_by: audit.actorId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('mail_template')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['venue_id', 'key']).doUpdateSet({
          subject: row.subject,
          text_body: row.text_body,
          html_body: row.html_body,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        }),
      )
      .execute();
    const details = { key, title: kind.title };
    await recordAudit(
      trx,
      audit,
      venueId === null
        ? { action: 'mail_template.site_saved', objectType: 'site', objectId: null, details }
        : { action: 'mail_template.saved', objectType: 'venue', objectId: venueId, details },
    );
  });
  return mailTemplateDetail(db, venueId, key);
}

export async function resetMailTemplate(db: Database, audit: AuditContext, venueId: string | null, key: string) {
  const kind = kindIn(venueId, key);
  await venueOf(db, venueId);
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('mail_template')
      .where(savedIn(venueId))
      .where('key', '=', key)
      .executeTakeFirst();
    if (removed.numDeletedRows > 0n) {
      const details = { key, title: kind.title };
      await recordAudit(
        trx,
        audit,
        venueId === null
          ? { action: 'mail_template.site_reset', objectType: 'site', objectId: null, details }
          : { action: 'mail_template.reset', objectType: 'venue', objectId: venueId, details },
      );
    }
  });
  return mailTemplateDetail(db, venueId, key);
}
