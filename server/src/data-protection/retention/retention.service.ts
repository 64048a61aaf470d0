// The admin's side of retention: each venue's periods, the sweep's runs as the Retention page shows
// them, and "run now", which deletes exactly what a recent dry run listed or nothing at all.
import type { Database } from '@gaps/db';
import type { z } from 'zod';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { HttpError, notFound } from '../../plugins/errors.ts';
import type { DataProtectionDeps } from '../deps.ts';
import type {
  RetentionSettings,
  retentionOverviewSchema,
  retentionRunSchema,
  retentionRunSummarySchema,
} from './retention.schemas.ts';
import { countItems, describeCounts, type RetentionCounts, type RetentionItem, runRetention } from './sweep.ts';

/** A venue's retention periods as the API shows them. */
function venueRetention(row: {
  id: string;
  name: string;
  kind: string;
  retain_unsuccessful_entries_months: number;
  retain_mail_bodies_months: number;
  retain_drafts_months: number;
}) {
  return {
    venueId: row.id,
    venueName: row.name,
    venueKind: row.kind,
    unsuccessfulEntriesMonths: row.retain_unsuccessful_entries_months,
    mailBodiesMonths: row.retain_mail_bodies_months,
    draftsMonths: row.retain_drafts_months,
  };
}

/** A dry run older than this is not a basis for deleting: things come due every hour. */
export const DRY_RUN_VALID_MINUTES = 60;
/** How many items a run's page receives (the counts cover them all). */
export const MAX_ITEMS_SHOWN = 2000;

type RunSummary = z.infer<typeof retentionRunSummarySchema>;

const zeroCounts = countItems([]);

async function loadRuns(db: Database, where: { id?: string; scheduled?: boolean; limit: number }) {
  let query = db
    .selectFrom('retention_run')
    .leftJoin('person', 'person.id', 'retention_run.run_by')
    .select([
      'retention_run.id',
      'retention_run.dry_run',
      'retention_run.started_at',
      'retention_run.finished_at',
      'retention_run.as_of',
      'retention_run.run_by',
      'retention_run.counts',
      'retention_run.failure',
      'person.name as run_by_name',
    ])
    .select((eb) => eb.fn<number>('jsonb_array_length', ['retention_run.items']).as('item_count'))
    .orderBy('retention_run.started_at', 'desc')
    .orderBy('retention_run.id', 'desc')
    .limit(where.limit);
  if (where.id) query = query.where('retention_run.id', '=', where.id);
  if (where.scheduled) {
    query = query
      .where('retention_run.dry_run', '=', false)
      .where('retention_run.run_by', 'is', null)
      .where('retention_run.failure', 'is', null);
  }
  const rows = await query.execute();
  return rows.map((row): RunSummary => {
    const counts = { ...zeroCounts, ...(row.counts as Partial<RetentionCounts>) };
    return {
      id: row.id,
      dryRun: row.dry_run,
      startedAt: row.started_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      asOf: row.as_of.toISOString(),
      runBy: row.run_by && row.run_by_name ? { id: row.run_by, name: row.run_by_name } : null,
      counts,
      summary: row.failure
        ? 'The run failed and changed nothing.'
        : describeCounts(counts, row.dry_run ? 'would' : 'did'),
      itemCount: row.item_count,
      failure: row.failure,
    };
  });
}

export async function retentionOverview(
  db: Database,
  everyHours: number,
): Promise<z.infer<typeof retentionOverviewSchema>> {
  const venues = await db
    .selectFrom('venue')
    .select([
      'id',
      'name',
      'kind',
      'retain_unsuccessful_entries_months',
      'retain_mail_bodies_months',
      'retain_drafts_months',
    ])
    .orderBy('name')
    .orderBy('id')
    .execute();
  const [lastScheduledRun] = await loadRuns(db, { scheduled: true, limit: 1 });
  return {
    venues: venues.map(venueRetention),
    schedule: {
      everyHours,
      lastScheduledRun: lastScheduledRun ?? null,
      nextRunAbout: lastScheduledRun
        ? new Date(new Date(lastScheduledRun.startedAt).getTime() + everyHours * 3_600_000).toISOString()
        : null,
    },
    runs: await loadRuns(db, { limit: 20 }),
  };
}

export async function retentionRun(db: Database, runId: string): Promise<z.infer<typeof retentionRunSchema>> {
  const [summary] = await loadRuns(db, { id: runId, limit: 1 });
  if (!summary) throw notFound('run');
  const row = await db
    .selectFrom('retention_run')
    .select((eb) =>
      eb
        .fn<RetentionItem[]>('jsonb_path_query_array', [
          'items',
          eb.val(`$[0 to ${MAX_ITEMS_SHOWN - 1}]`).$castTo<string>(),
        ])
        .as('items'),
    )
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  return { ...summary, items: row.items };
}

const settingNames: Record<keyof RetentionSettings, string> = {
  unsuccessfulEntriesMonths: 'unsuccessful award entries',
  mailBodiesMonths: 'text of e-mails',
  draftsMonths: 'untouched drafts',
};

export async function saveRetentionSettings(
  db: Database,
  audit: AuditContext,
  venueId: string,
  settings: RetentionSettings,
) {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('venue')
      .select(['retain_unsuccessful_entries_months', 'retain_mail_bodies_months', 'retain_drafts_months'])
      .where('id', '=', venueId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('venue');
    const row = await trx
      .updateTable('venue')
      .set({
        retain_unsuccessful_entries_months: settings.unsuccessfulEntriesMonths,
        retain_mail_bodies_months: settings.mailBodiesMonths,
        retain_drafts_months: settings.draftsMonths,
      })
      .where('id', '=', venueId)
      .returning([
        'id',
        'name',
        'kind',
        'retain_unsuccessful_entries_months',
        'retain_mail_bodies_months',
        'retain_drafts_months',
      ])
      .executeTakeFirstOrThrow();
    const changed = (
      [
        ['unsuccessfulEntriesMonths', before.retain_unsuccessful_entries_months],
        ['mailBodiesMonths', before.retain_mail_bodies_months],
        ['draftsMonths', before.retain_drafts_months],
      ] as const
    ).filter(([key, old]) => settings[key] !== old);
    if (changed.length > 0) {
      await recordAudit(trx, audit, {
        action: 'retention.settings_updated',
        objectType: 'venue',
        objectId: venueId,
        details: { fields: changed.map(([key, old]) => `${settingNames[key]}: ${old} → ${settings[key]} months`) },
      });
    }
    return venueRetention(row);
  });
}

/** "Run now": the real sweep at the dry run's moment, refused unless it would delete exactly that list. */
export async function runFromDryRun(
  deps: DataProtectionDeps,
  audit: AuditContext & { actorId: string },
  dryRunId: string,
): Promise<string> {
  const dry = await deps.db
    .selectFrom('retention_run')
    .select(['dry_run', 'as_of', 'items', 'started_at', 'failure'])
    .where('id', '=', dryRunId)
    .executeTakeFirst();
  if (!dry) throw notFound('dry run');
  if (!dry.dry_run || dry.failure) {
    throw new HttpError(
      409,
      'not_a_dry_run',
      'That run was not a dry run. Run a dry run, check its list, then run the sweep.',
    );
  }
  const age = deps.clock().getTime() - dry.started_at.getTime();
  if (age > DRY_RUN_VALID_MINUTES * 60_000) {
    throw new HttpError(
      409,
      'dry_run_stale',
      `That dry run is more than ${DRY_RUN_VALID_MINUTES} minutes old. Run the dry run again and check its list first.`,
    );
  }
  return runRetention(deps, {
    dryRun: false,
    asOf: dry.as_of,
    runBy: audit.actorId,
    audit,
    expected: dry.items as unknown as RetentionItem[],
  });
}
