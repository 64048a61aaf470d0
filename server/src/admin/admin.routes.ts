// The office manager's pages: people and roles, the audit trail, and every e-mail the system sent.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { authorize } from '../policy/permissions.ts';
import {
  auditPageSchema,
  listedPersonSchema,
  mailMessageSchema,
  mailPageSchema,
  peoplePageSchema,
  rolesInput,
} from './admin.schemas.ts';
import { auditCursor, listAuditEvents } from './audit-log.repository.ts';
import { personFragment, submissionCodeFilter } from './log-filters.ts';
import { getMailMessage, listMailMessages, mailCursor, mailShown } from './mail-log.repository.ts';
import { listPeople, setRoles } from './people.service.ts';

const cursor = z.string().max(200).optional();

export async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  app.get(
    '/admin/people',
    {
      schema: {
        tags,
        querystring: z.object({ q: z.string().trim().max(200).optional(), after: cursor }),
        response: { 200: peoplePageSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'people.manage' });
      return listPeople(app.db, request.query);
    },
  );

  app.put(
    '/admin/people/:personId/roles',
    {
      schema: {
        tags,
        params: z.object({ personId: z.uuid() }),
        body: rolesInput,
        response: { 200: listedPersonSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'people.manage' });
      return setRoles(app.db, auditContext(request), request.params.personId, request.body);
    },
  );

  app.get(
    '/admin/audit',
    {
      schema: {
        tags,
        querystring: z.object({
          action: z.string().max(100).optional(),
          objectType: z.string().max(100).optional(),
          objectId: z.string().max(100).optional(),
          person: personFragment,
          code: submissionCodeFilter,
          before: auditCursor,
        }),
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'audit.read' });
      return listAuditEvents(app.db, request.query);
    },
  );

  app.get(
    '/admin/mail',
    {
      schema: {
        tags,
        querystring: z.object({
          to: personFragment,
          code: submissionCodeFilter,
          show: mailShown.optional(),
          before: mailCursor,
        }),
        response: { 200: mailPageSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'mail.read' });
      return listMailMessages(app.db, request.query);
    },
  );

  app.get(
    '/admin/mail/:messageId',
    { schema: { tags, params: z.object({ messageId: z.uuid() }), response: { 200: mailMessageSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'mail.read' });
      const message = await getMailMessage(app.db, request.params.messageId);
      if (!message) throw notFound('message');
      return message;
    },
  );
}
