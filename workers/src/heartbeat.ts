// The workers prove they are alive by refreshing one key; the server's health check reads it.
// Kept free of runtime imports so the server can import it without pulling in BullMQ.

/** How long a heartbeat stays valid; the workers refresh it well within this. */
export const HEARTBEAT_TTL_SECONDS = 30;
export const HEARTBEAT_INTERVAL_MS = 10_000;

/** The Redis key holding the ISO time of the workers' latest heartbeat. */
export function heartbeatKey(queuePrefix: string): string {
  return `${queuePrefix}:workers:heartbeat`;
}

interface HeartbeatWriter {
  set(key: string, value: string, expiryMode: 'EX', seconds: number): Promise<unknown>;
}

export async function writeHeartbeat(redis: HeartbeatWriter, queuePrefix: string, now = new Date()): Promise<void> {
  await redis.set(heartbeatKey(queuePrefix), now.toISOString(), 'EX', HEARTBEAT_TTL_SECONDS);
}
