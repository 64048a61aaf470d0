// bench:api's query plans: each measured route's queries, captured from the same functions the
// routes call, run through EXPLAIN (ANALYZE) and summarised (what they read, what they sort).
import type { DB } from '@gaps/db';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadAssignmentFacts } from '../server/src/assignments/assignment-access.ts';
import { loadReviewerHome } from '../server/src/reviewer-home/reviewer-home.repository.ts';
import { loadReviewPage } from '../server/src/reviews/review.service.ts';
import { listEditorQueue, queueQuery } from '../server/src/submissions/editor-queue.ts';
import { listMySubmissions, mySubmissionsQuery } from '../server/src/submissions/my-submissions.ts';
import type { BenchFixture } from './bench-api-seed.ts';

/** My submissions is read as a plain author. */
const asViewer = (personId: string) => ({ personId, email: '', name: '', isAdmin: false, editorOfVenueIds: [] });
const line = (text = '') => process.stdout.write(`${text}\n`);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** Runs each route's queries through EXPLAIN (ANALYZE) and prints what they read and sort. */
export async function explainAll(url: string, fixture: BenchFixture, deepCursor: string, reviewAssignmentId: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c jit=off' });
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const capturing = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const scenarios: Array<[string, () => Promise<unknown>]> = [
    ['queue: first page', () => listEditorQueue(capturing, fixture.venueId, fixture.editorId, queueQuery.parse({}))],
    [
      'queue: state + category',
      () =>
        listEditorQueue(
          capturing,
          fixture.venueId,
          fixture.editorId,
          queueQuery.parse({ status: 'screening', categoryId: fixture.categoryIds[0] }),
        ),
    ],
    [
      'queue: page 41 (keyset)',
      () => listEditorQueue(capturing, fixture.venueId, fixture.editorId, queueQuery.parse({ after: deepCursor })),
    ],
    [
      'queue: sorted by title, asc',
      () =>
        listEditorQueue(
          capturing,
          fixture.venueId,
          fixture.editorId,
          queueQuery.parse({ sort: 'title', order: 'asc' }),
        ),
    ],
    [
      'queue: search a code "004321"',
      () => listEditorQueue(capturing, fixture.venueId, fixture.editorId, queueQuery.parse({ q: '004321' })),
    ],
    ['My submissions', () => listMySubmissions(capturing, asViewer(fixture.authorId), mySubmissionsQuery.parse({}))],
    ["reviewer's home", () => loadReviewerHome(capturing, fixture.reviewerId)],
    [
      'review page (draft)',
      async () => {
        const facts = await loadAssignmentFacts(capturing, reviewAssignmentId);
        if (!facts) throw new Error('the bench assignment is missing');
        return loadReviewPage(capturing, facts);
      },
    ],
  ];
  try {
    for (const [name, run] of scenarios) {
      captured.length = 0;
      await run();
      for (const [index, query] of captured.entries()) {
        const { rows } = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, [...query.parameters]);
        const plan = rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Execution Time': number };
        const nodes: PlanNode[] = [];
        const walk = (node: PlanNode) => {
          nodes.push(node);
          for (const child of node.Plans ?? []) walk(child);
        };
        walk(plan.Plan);
        const read = nodes
          .filter((n) => n['Index Name'] || n['Relation Name'])
          .map(
            (n) =>
              `${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']} (${n['Actual Rows'] * n['Actual Loops']} rows)`,
          );
        const sorts = nodes.filter((n) => n['Node Type'] === 'Sort');
        const seqScans = nodes.filter(
          (n) =>
            n['Node Type'] === 'Seq Scan' &&
            ['submission', 'submission_author', 'assignment', 'review', 'review_score'].includes(
              n['Relation Name'] ?? '',
            ),
        );
        const most = Math.max(
          0,
          ...nodes.filter((n) => n['Relation Name']).map((n) => n['Actual Rows'] * n['Actual Loops']),
        );
        const verdict = seqScans.length || most > 2_000 ? 'LOOK: reads a large part of the table' : 'ok';
        line(
          `  ${`${name} #${index + 1}`.padEnd(32)} ${plan['Execution Time'].toFixed(2).padStart(7)} ms  ${verdict}; sorts: ${sorts.length ? sorts.map((s) => `${s['Actual Rows']} rows`).join(', ') : 'none'}`,
        );
        line(`      reads: ${read.join('; ')}`);
      }
    }
  } finally {
    await capturing.destroy();
  }
}
