// What the health check asks: does PostgreSQL answer, does Redis, has a worker reported lately.
import type { Database } from '@gaps/db';
import { heartbeatKey } from '@gaps/workers/shared';
import { sql } from 'kysely';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  redis: 'up' | 'down';
  workers: 'up' | 'down';
  problems: string[];
}

export async function checkHealth(
  db: Database,
  redis: { get(key: string): Promise<string | null> },
  queuePrefix: string,
): Promise<HealthReport> {
  const database = await withTimeout(sql`SELECT 1`.execute(db), 2_000).then(
    () => 'up' as const,
    () => 'down' as const,
  );
  const heartbeat = await withTimeout(redis.get(heartbeatKey(queuePrefix)), 2_000).then(
    (value) => ({ redis: 'up' as const, workers: value ? ('up' as const) : ('down' as const) }),
    () => ({ redis: 'down' as const, workers: 'down' as const }),
  );
  const problems = [
    ...(database === 'down' ? ['The database (PostgreSQL) does not answer.'] : []),
    ...(heartbeat.redis === 'down' ? ['Redis does not answer; e-mail waits in the outbox until it is back.'] : []),
    ...(heartbeat.redis === 'up' && heartbeat.workers === 'down'
      ? ['No worker has reported in the last 30 seconds; e-mail and file processing are waiting.']
      : []),
  ];
  return { status: problems.length ? 'degraded' : 'ok', database, ...heartbeat, problems };
}
