import process from 'node:process';
import { ConfigError } from '@gaps/workers/shared';
import { buildApp } from './app.ts';
import { loadServerConfig } from './config.ts';

try {
  const config = loadServerConfig(process.env);
  const app = await buildApp(config);
  const close = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
