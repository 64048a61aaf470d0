import { baseEnvSchema, parseEnv } from '@gaps/workers/shared';
import { z } from 'zod';

export const serverEnvSchema = baseEnvSchema.extend({
  PORT: z.coerce.number({ message: 'must be a port number, e.g. 3000' }).int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  SESSION_DAYS: z.coerce
    .number({ message: 'must be a number of days between 1 and 90, e.g. 14' })
    .int()
    .min(1)
    .max(90)
    .default(14),
  TRUST_PROXY: z.stringbool({ message: 'must be true or false' }).default(false),
  WEB_BUILD_DIR: z.string().optional(),
  /** How often the reminder sweep runs (reminders/sweep-scheduler.ts). */
  REMINDER_SWEEP_MINUTES: z.coerce
    .number({ message: 'must be a number of minutes between 1 and 1440, e.g. 15' })
    .int()
    .min(1)
    .max(1440)
    .default(15),
  /** How often the retention sweep runs (data-protection/jobs.ts). */
  RETENTION_SWEEP_HOURS: z.coerce
    .number({ message: 'must be a number of hours between 1 and 168, e.g. 24' })
    .int()
    .min(1)
    .max(168)
    .default(24),
});

export type ServerConfig = z.infer<typeof serverEnvSchema>;

export function loadServerConfig(env: Record<string, string | undefined>): ServerConfig {
  return parseEnv(serverEnvSchema, env);
}
