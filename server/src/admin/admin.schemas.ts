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

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    occurredAt: instant,
    actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
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
    template: z.string(),
    subject: z.string(),
    status: z.string(),
    attempts: z.number().int(),
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
