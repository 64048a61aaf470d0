import { baseEnvSchema, parseEnv } from '@gaps/workers/config';
import { z } from 'zod';

export const serverEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  TRUST_PROXY: z.stringbool().default(false),
  WEB_BUILD_DIR: z.string().optional(),
});

export type ServerConfig = z.infer<typeof serverEnvSchema>;

export function loadServerConfig(env: Record<string, string | undefined>): ServerConfig {
  return parseEnv(serverEnvSchema, env);
}
