import process from 'node:process';
import { ConfigError } from '@gaps/workers/shared';
import { buildApp } from './app.ts';
import { expireInvitations } from './assignments/expire-invitations.ts';
import { loadServerConfig } from './config.ts';

try {
  const config = loadServerConfig(process.env);
  const app = await buildApp(config);
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
  // Unanswered invitations expire (and alternates move up) within a few minutes of their time.
  // Idempotent and safe with several API processes; issue 11's reminder sweep may take it over.
  setInterval(() => {
    expireInvitations(app.db, app.clock(), config.PUBLIC_URL).catch((error: Error) =>
      app.log.warn({ err: error.message }, 'could not expire invitations'),
    );
  }, 5 * 60_000).unref();
  // `npm start` prints its banner once the API and the workers have both said this.
  process.send?.('ready');
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
