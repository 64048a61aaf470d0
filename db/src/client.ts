import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { cancellablePool } from './cancellation.ts';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

// bigint and numeric come back as strings by default; counts and ids we use fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface DatabaseOptions {
  /** Connections in the pool. */
  max?: number;
  /**
   * How long a query may wait for a free connection (ms) before it fails with a "busy" error
   * (see `isDatabaseBusy`); unset waits for ever. Servers set it, so that overload ends with the load:
   * an unbounded wait queue kept an API answering requests long gone for minutes after a burst.
   */
  connectionTimeoutMillis?: number;
  /** PostgreSQL's statement_timeout (ms) on every connection: the server cancels longer statements. */
  statementTimeoutMillis?: number;
}

const pools = new WeakMap<Database, pg.Pool>();

export function createDatabase(connectionString: string, options: DatabaseOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 0,
  });
  // Our queries are short and indexed; PostgreSQL's JIT compiler only pays off on long analytic
  // queries, and a misestimated plan once spent 0.6-1 s compiling a 1 ms lookup. Set with SET on
  // each new connection (it runs before the connection's first query) rather than as a startup
  // option, which connection poolers such as PgBouncer refuse.
  const settings = options.statementTimeoutMillis
    ? `SET jit = off; SET statement_timeout = ${Math.trunc(options.statementTimeoutMillis)}`
    : 'SET jit = off';
  pool.on('connect', (client) => {
    client.query(settings).catch(() => {});
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it and the next query reconnects.
  pool.on('error', () => {});
  // Cancellations go through a connection of their own, so they never wait behind a full pool.
  let canceller: pg.Pool | undefined;
  const cancel = (backendPid: number) => {
    if (!canceller) {
      canceller = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 2_000 });
      canceller.on('error', () => {});
    }
    return canceller.query('SELECT pg_cancel_backend($1)', [backendPid]);
  };
  const end = async () => {
    await pool.end();
    await canceller?.end();
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: cancellablePool(pool, cancel, end) }) });
  pools.set(db, pool);
  return db;
}

/** How many queries wait for a connection right now, and the pool's size (null: not made by createDatabase). */
export function connectionPool(db: Database): { waiting: number; max: number } | null {
  const pool = pools.get(db);
  return pool ? { waiting: pool.waitingCount, max: pool.options.max } : null;
}

/**
 * True when `error` says the database is too busy rather than that the query is wrong: no free
 * connection within the pool's wait, a statement cancelled by statement_timeout, or PostgreSQL
 * out of connections. Servers answer these with 503 and Retry-After.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // pg-pool's own message: it has no error code of its own.
  return error.message === 'timeout exceeded when trying to connect' || code === '57014' || code === '53300';
}
