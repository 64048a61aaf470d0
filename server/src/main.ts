import process from 'node:process';
import { ConfigError, LocalFileStore } from '@gaps/workers/shared';
import { buildApp } from './app.ts';
import { loadServerConfig } from './config.ts';
import { startDataProtectionJobs } from './data-protection/jobs.ts';
import { startReminderSweeps } from './reminders/sweep-scheduler.ts';

try {
  const config = loadServerConfig(process.env);
  const app = await buildApp(config);
  // The reminder sweep (reminders, invitation expiry, alternates, escalations) runs here, in the API
  // process, because it needs the server's assignment rules; see reminders/sweep-scheduler.ts.
  let sweeps: { close(): Promise<void> } | null = null;
  // Exports, erasures and the retention sweep run here too, for the same reason (data-protection/jobs.ts).
  let privacyJobs: { close(): Promise<void> } | null = null;
  app.addHook('onClose', async () => {
    await sweeps?.close();
    await privacyJobs?.close();
  });
  // Bounded: a request stuck on PostgreSQL or a client that never lets go must not keep the API up
  // (connections are force-closed by app.close(); this is the last resort).
  const close = async () => {
    setTimeout(() => {
      console.error('API: not stopped within 5 s; exiting');
      process.exit(1);
    }, 5_000).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  // Started by `npm start`: stop with it, even when it was killed without a chance to tell us.
  if (process.send) process.once('disconnect', close);
  await app.listen({ port: config.PORT, host: config.HOST });
  sweeps = startReminderSweeps({
    db: app.db,
    redisUrl: config.REDIS_URL,
    queuePrefix: config.QUEUE_PREFIX,
    everyMinutes: config.REMINDER_SWEEP_MINUTES,
    publicUrl: config.PUBLIC_URL,
    clock: app.clock,
    log: app.log,
  });
  privacyJobs = startDataProtectionJobs({
    db: app.db,
    store: new LocalFileStore(config.DATA_DIR),
    dataDir: config.DATA_DIR,
    publicUrl: config.PUBLIC_URL,
    clock: app.clock,
    redisUrl: config.REDIS_URL,
    queuePrefix: config.QUEUE_PREFIX,
    retentionEveryHours: config.RETENTION_SWEEP_HOURS,
    log: app.log,
  });
  // `npm start` prints its banner once the API and the workers have both said this.
  process.send?.('ready');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
