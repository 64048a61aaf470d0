// A venue's reports, for its editors: the figures as JSON for the page, and each table as CSV.
// Anyone else (authors, reviewers, another venue's editors) gets the 404 of a venue that is not
// there; a call of another venue answers as a call that does not exist.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { projectReport, type ReportView, reportViewSchema } from '../blinding/project-report.ts';
import { notFound } from '../plugins/errors.ts';
import { authorize, type Viewer } from '../policy/permissions.ts';
import { loadCallVenue, loadPersonTimeZone, loadVenue } from './report.repository.ts';
import { type ReportTable, readReportQuery, reportCsvParams, reportParams, reportQueryText } from './report.schemas.ts';
import { buildReport } from './report.service.ts';
import { csvFileName, reportCsv } from './report-csv.ts';

const tags = ['reports'];
const csvFileResponse = {
  description: 'The table as CSV (UTF-8, comma-separated, a header row), as an attachment.',
  content: { 'text/csv': { schema: z.string() } },
};

export async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  async function report(
    request: FastifyRequest,
    venueId: string,
    filters: unknown,
  ): Promise<{ view: ReportView; slug: string }> {
    const viewer: Viewer | null = request.viewer;
    // Who asks comes first: someone who may not read the reports learns nothing, not even that a filter was wrong.
    authorize(viewer, { kind: 'venue.manage', venueId });
    const venue = await loadVenue(app.db, venueId);
    if (!venue) throw notFound('venue');
    const query = readReportQuery(filters);
    if (query.callId) {
      const call = await loadCallVenue(app.db, query.callId);
      // One answer for "no such call" and "another venue's call": no existence oracle.
      if (!call || call.venue_id !== venueId) throw notFound('call');
    }
    const view = await buildReport(app.db, venue, {
      venueId,
      callId: query.callId,
      from: query.from,
      to: query.to,
      timeZone: await loadPersonTimeZone(app.db, viewer.personId),
      now: app.clock(),
    });
    return { view: projectReport(view), slug: venue.slug };
  }

  app.get(
    '/venues/:venueId/reports',
    { schema: { tags, params: reportParams, querystring: reportQueryText, response: { 200: reportViewSchema } } },
    async (request) => (await report(request, request.params.venueId, request.query)).view,
  );

  app.get(
    '/venues/:venueId/reports/:table',
    { schema: { tags, params: reportCsvParams, querystring: reportQueryText, response: { 200: csvFileResponse } } },
    async (request, reply) => {
      const { view, slug } = await report(request, request.params.venueId, request.query);
      const table = request.params.table.replace(/\.csv$/, '') as ReportTable;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(view, table, slug)}"`)
        .header('cache-control', 'private, no-store')
        .send(reportCsv(view, table));
    },
  );
}
