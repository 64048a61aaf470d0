// The worker process: read the configuration once, start, stop cleanly on SIGTERM/SIGINT.
import process from 'node:process';
import { ConfigError, parseEnv, type WorkersConfig, workersEnvSchema } from './config.ts';
import { HandlerRegistryError } from './handlers.ts';
import { createLogger } from './logger.ts';
import { startWorkers } from './start-workers.ts';

async function main(): Promise<void> {
  let config: WorkersConfig;
  try {
    config = parseEnv(workersEnvSchema, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A configuration mistake is the operator's to fix; a stack trace would only bury the message.
    console.error(error.message);
    process.exit(1);
  }

  const logger = createLogger(config, 'workers');
  let running: Awaited<ReturnType<typeof startWorkers>>;
  try {
    running = await startWorkers(config, { logger });
  } catch (error) {
    if (error instanceof HandlerRegistryError) logger.fatal(error.message);
    else logger.fatal({ err: error }, 'workers failed to start');
    process.exitCode = 1;
    return;
  }

  // `npm start` prints its banner once the API and the workers have both said this.
  process.send?.('ready');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for running jobs');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: letting running jobs finish');
    // A job stuck on a dead SMTP server or database must not keep the process up: stopping is
    // bounded (npm start kills after 8 s, container runtimes after 10 s). A job cut short here is
    // taken over by another worker once its lock expires; every processor is idempotent.
    setTimeout(() => {
      logger.error('shutdown took longer than 7 s; exiting');
      process.exit(1);
    }, 7_000).unref();
    running.stop().then(
      // Everything we opened is closed; exit rather than wait out BullMQ's reconnect back-off
      // timers, which outlive Worker.close() by up to ~12 s when Redis is away.
      () => process.exit(),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Started by `npm start`: stop with it, even when it was killed without a chance to tell us.
  if (process.send) process.once('disconnect', () => shutdown('SIGTERM'));
}

await main();
