// What the public privacy notice reads from the system, so the page states the periods really in
// force (an admin may change them per venue) rather than the defaults it was written with.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const retentionPeriodsSchema = z
  .object({
    venues: z.array(
      z.object({
        name: z.string(),
        kind: z.string(),
        unsuccessfulEntriesMonths: z.number().int(),
        mailBodiesMonths: z.number().int(),
        draftsMonths: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'RetentionPeriods' });

export async function privacyNoticeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/privacy/retention',
    { schema: { tags: ['privacy'], response: { 200: retentionPeriodsSchema } } },
    async () => {
      const rows = await app.db
        .selectFrom('venue')
        .select([
          'name',
          'kind',
          'retain_unsuccessful_entries_months',
          'retain_mail_bodies_months',
          'retain_drafts_months',
        ])
        .orderBy('name')
        .execute();
      return {
        venues: rows.map((row) => ({
          name: row.name,
          kind: row.kind,
          unsuccessfulEntriesMonths: row.retain_unsuccessful_entries_months,
          mailBodiesMonths: row.retain_mail_bodies_months,
          draftsMonths: row.retain_drafts_months,
        })),
      };
    },
  );
}
