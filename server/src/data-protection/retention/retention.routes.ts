// The admin's Retention page: how long each venue keeps what, what the next sweep would delete (a
// dry run), the runs so far, and "run now" from a dry run. Admins only; anyone else gets 404.
import { LocalFileStore } from '@gaps/workers/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../../audit/context.ts';
import { authorize } from '../../policy/permissions.ts';
import type { DataProtectionDeps } from '../deps.ts';
import {
  retentionOverviewSchema,
  retentionRunSchema,
  retentionSettingsSchema,
  runNowInput,
  venueRetentionSchema,
} from './retention.schemas.ts';
import { retentionOverview, retentionRun, runFromDryRun, saveRetentionSettings } from './retention.service.ts';
import { runRetention } from './sweep.ts';

export async function retentionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const deps = (): DataProtectionDeps => ({
    db: app.db,
    store: new LocalFileStore(app.config.DATA_DIR),
    dataDir: app.config.DATA_DIR,
    publicUrl: app.config.PUBLIC_URL,
    clock: app.clock,
  });

  app.get('/admin/retention', { schema: { tags, response: { 200: retentionOverviewSchema } } }, async (request) => {
    authorize(request.viewer, { kind: 'retention.manage' });
    return retentionOverview(app.db, app.config.RETENTION_SWEEP_HOURS);
  });

  app.put(
    '/admin/retention/venues/:venueId',
    {
      schema: {
        tags,
        params: z.object({ venueId: z.uuid() }),
        body: retentionSettingsSchema,
        response: { 200: venueRetentionSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'retention.manage' });
      return saveRetentionSettings(app.db, auditContext(request), request.params.venueId, request.body);
    },
  );

  // Lists what a run now would delete and stores that list; changes nothing else.
  app.post(
    '/admin/retention/dry-runs',
    { schema: { tags, response: { 201: retentionRunSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'retention.manage' });
      const runId = await runRetention(deps(), { dryRun: true, asOf: app.clock(), runBy: request.viewer.personId });
      return reply.status(201).send(await retentionRun(app.db, runId));
    },
  );

  app.get(
    '/admin/retention/runs/:runId',
    { schema: { tags, params: z.object({ runId: z.uuid() }), response: { 200: retentionRunSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'retention.manage' });
      return retentionRun(app.db, request.params.runId);
    },
  );

  // Deletes exactly what the given dry run listed, or nothing (409) if that list is no longer what is due.
  app.post(
    '/admin/retention/runs',
    { schema: { tags, body: runNowInput, response: { 201: retentionRunSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'retention.manage' });
      const audit = { ...auditContext(request), actorId: request.viewer.personId };
      const runId = await runFromDryRun(deps(), audit, request.body.dryRunId);
      return reply.status(201).send(await retentionRun(app.db, runId));
    },
  );
}
