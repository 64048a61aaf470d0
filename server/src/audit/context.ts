import type { FastifyRequest } from 'fastify';
import type { AuditContext } from './events.ts';

export function auditContext(request: FastifyRequest): AuditContext {
  return { actorId: request.viewer?.personId ?? null, ip: request.ip, requestId: request.id };
}
