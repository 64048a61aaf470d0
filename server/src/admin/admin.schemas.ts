// What the office manager's pages receive: people and roles, the audit trail, the mail log.
import { z } from 'zod';

const instant = z.iso.datetime();

/** A person as the people list shows them; `editorOf` holds venue ids. */
export const listedPersonSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    affiliation: z.string().nullable(),
    emailVerified: z.boolean(),
    createdAt: instant,
    isAdmin: z.boolean(),
    editorOf: z.array(z.uuid()),
  })
  .meta({ id: 'ListedPerson' });
export type ListedPerson = z.infer<typeof listedPersonSchema>;

export const peoplePageSchema = z.object({ people: z.array(listedPersonSchema), nextCursor: z.string().nullable() });

export const rolesInput = z.object({ isAdmin: z.boolean(), editorOf: z.array(z.uuid()).max(50) });

const personNamed = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    occurredAt: instant,
    actor: personNamed.nullable(),
    /** Which part of the system acted when no person did (review_copy_worker, demo_seed). */
    systemActor: z.string().nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
    /** The person the event is about (an account, a role, a reviewer-pool entry), when not the actor. */
    subject: personNamed.nullable(),
    submissionCode: z.string().nullable(),
    venueName: z.string().nullable(),
    callTitle: z.string().nullable(),
    /** The event in words, built from the names above (audit/event-sentences.ts). */
    sentence: z.string(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    /** Frozen per action (audit/events.ts); shown as it was stored. */
    details: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });

export const auditPageSchema = z.object({ events: z.array(auditEventSchema), nextCursor: z.string().nullable() });

export const mailMessageSummarySchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    /** The recipient's name when the address belongs to an account. */
    toName: z.string().nullable(),
    /** The submission the e-mail is about, when it quotes one's code. */
    submissionCode: z.string().nullable(),
    template: z.string(),
    /** The kind of message in words, from the template catalogue (null for one not in it). */
    kind: z.string().nullable(),
    subject: z.string(),
    /** pending, sending, sent, captured (no mail server), failed, unknown (interrupted), skipped (no longer applied). */
    status: z.string(),
    attempts: z.number().int(),
    /** Failed: the mail server's answer ("550 …"); skipped: why it was not sent ("Not sent: …"). */
    lastError: z.string().nullable(),
    createdAt: instant,
    deliveredAt: instant.nullable(),
  })
  .meta({ id: 'MailMessageSummary' });

export const mailPageSchema = z.object({
  messages: z.array(mailMessageSummarySchema),
  nextCursor: z.string().nullable(),
});

export const mailMessageSchema = mailMessageSummarySchema.extend({ text: z.string() }).meta({ id: 'MailMessage' });
