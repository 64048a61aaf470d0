// Redis connections for the workers. BullMQ's blocking worker connections must retry commands
// forever (maxRetriesPerRequest: null); a 'worker' connection is a lazy template that BullMQ
// duplicates (ESM BullMQ cannot build ioredis clients from options itself). The relay and heartbeat connection instead fails fast while
// Redis is away, so the relay can record the problem and try again on its next tick.
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

const lastErrors = new WeakMap<Redis, string>();

export type RedisRole = 'commands' | 'worker';

export function createRedisConnection(url: string, role: RedisRole, logger: Logger): Redis {
  const redis = new Redis(url, {
    ...(role === 'worker'
      ? { maxRetriesPerRequest: null, lazyConnect: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
    connectionName: `gaps-workers-${role}`,
  });
  let reportedDown = false;
  redis.on('error', (error: Error) => {
    lastErrors.set(redis, error.message);
    // ioredis repeats the error on every reconnect attempt; say it once per outage.
    if (!reportedDown) {
      reportedDown = true;
      logger.warn({ role, err: error.message }, 'Redis is not reachable; retrying');
    }
  });
  redis.on('ready', () => {
    lastErrors.delete(redis);
    if (reportedDown) logger.info({ role }, 'Redis connection restored');
    reportedDown = false;
  });
  return redis;
}

/** Why this connection cannot be used right now, in words fit for `last_error`. */
export function describeRedisProblem(redis: Redis): string {
  const cause = lastErrors.get(redis);
  return `Redis unavailable (connection ${redis.status})${cause ? `: ${cause}` : ''}`;
}

/** Resolves true once the connection is ready, false if it is not within `timeoutMs`. */
export function waitForReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  if (redis.status === 'end') return Promise.resolve(false);
  return new Promise((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    redis.once('ready', onReady);
  });
}

/**
 * BullMQ needs `maxmemory-policy noeviction`: under any other policy Redis may drop job keys when
 * memory runs short. Returns the policy, or null if Redis does not allow CONFIG (managed services).
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  let policy: string | null = null;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as unknown;
    policy = Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : null;
  } catch (error) {
    logger.info(
      { err: (error as Error).message },
      'Could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction',
    );
    return null;
  }
  if (policy !== 'noeviction') {
    logger.warn(
      { maxmemoryPolicy: policy },
      'Redis maxmemory-policy is not noeviction: Redis may silently drop queued jobs under memory pressure. Set maxmemory-policy noeviction.',
    );
  }
  return policy;
}
