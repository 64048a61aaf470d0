// Work for someone who has gone is stopped: inside `whileSomeoneWaits(signal, …)` (the server runs
// each read request in it), every query the pool hands out watches the signal. Once it fires, the
// running statement is cancelled in PostgreSQL (pg_cancel_backend) and no new one starts, so a burst
// of abandoned requests does not keep the database busy long after its clients left.
//
// Only a ROLLBACK still runs after the signal, so that an open transaction never goes back to the
// pool. A connection is returned to the pool only after its cancellation has been delivered, so a
// late cancel can never hit the next request's query on the same connection (PostgreSQL ignores a
// cancel that reaches an idle connection).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

const watched = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` (and everything it starts) with its queries cancelled once `signal` fires. */
export function whileSomeoneWaits<T>(signal: AbortSignal, work: () => T): T {
  return watched.run(signal, work);
}

/** Thrown instead of a result when the one waiting for it has gone. */
export class NobodyWaiting extends Error {
  readonly code = 'nobody_waiting';
  constructor() {
    super('The query was stopped: the request it was for has gone.');
  }
}

export function isNobodyWaiting(error: unknown): error is NobodyWaiting {
  return error instanceof NobodyWaiting;
}

type Cancel = (backendPid: number) => Promise<unknown>;

/** The pool as Kysely sees it, with each checked-out client watching the caller's signal. */
export function cancellablePool(pool: pg.Pool, cancel: Cancel, end: () => Promise<void>): PostgresPool {
  return {
    options: pool.options,
    end,
    async connect() {
      // Read here, in the caller's context: the client may come from another request's release.
      const signal = watched.getStore();
      const client = await pool.connect();
      return signal ? watching(client, signal, cancel) : client;
    },
  };
}

function watching(client: pg.PoolClient, signal: AbortSignal, cancel: Cancel): PostgresPoolClient {
  if (signal.aborted) {
    client.release();
    throw new NobodyWaiting();
  }
  let cancelling: Promise<unknown> | undefined;
  const onAbort = () => {
    // The backend's process id, from the connection's start-up (the same member Kysely reads).
    cancelling = cancel((client as unknown as { processID: number }).processID).catch(() => {});
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const run = client.query.bind(client) as (...args: unknown[]) => Promise<PostgresQueryResult<unknown>>;
  const query = (...args: unknown[]) => {
    if (typeof args[0] !== 'string') return run(...args); // a cursor (streamed results)
    if (signal.aborted) {
      if (!/^\s*rollback\b/i.test(args[0])) return Promise.reject(new NobodyWaiting());
      // After the cancel has landed, so that it cannot stop the ROLLBACK itself.
      return (cancelling ?? Promise.resolve()).then(() => run(...args));
    }
    // A statement stopped by our cancel fails with PostgreSQL's 57014; say why instead.
    return run(...args).catch((error: unknown): never => {
      throw signal.aborted ? new NobodyWaiting() : error;
    });
  };
  return {
    query: query as PostgresPoolClient['query'],
    release(destroy?: boolean | Error) {
      signal.removeEventListener('abort', onAbort);
      if (cancelling) void cancelling.finally(() => client.release(destroy));
      else client.release(destroy);
    },
  };
}
