// Environment read once, checked with zod; the process stops with a message naming the variable.
import { z } from 'zod';

export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ message: 'must be a PostgreSQL URL, e.g. postgres://user:password@localhost:5432/gaps' }),
  REDIS_URL: z.url({ message: 'must be a Redis URL, e.g. redis://127.0.0.1:6379' }),
  SMTP_URL: z.url({ message: 'must be an SMTP URL, e.g. smtp://user:password@smtp.example.org:587' }).optional(),
  MAIL_FROM: z.string().default('GAPS Submissions <no-reply@example.org>'),
  PUBLIC_URL: z
    .url({ message: 'must be the address users open, e.g. https://submit.example.org' })
    .default('http://localhost:3000'),
  DATA_DIR: z.string().min(1).default('.data'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('gaps'),
});

export type BaseConfig = z.infer<typeof baseEnvSchema>;

export const workersEnvSchema = baseEnvSchema.extend({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** How long a job's lock lasts; a worker that dies mid-job has its job taken over after this. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** 0 turns off the PDF child started ahead of the next job (less memory while idle, slower jobs). */
  PDF_SPARE_CHILD: z
    .enum(['0', '1'])
    .default('1')
    .transform((value) => value === '1'),
});
export type WorkersConfig = z.infer<typeof workersEnvSchema>;

/** Parses the environment, or explains in one message every variable that is wrong. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const problem = env[name] === undefined ? `is missing (it ${issue.message})` : issue.message;
    return `  ${name} ${problem}`;
  });
  throw new ConfigError(`Configuration problem:\n${lines.join('\n')}\nSee the configuration table in README.md.`);
}

export class ConfigError extends Error {}
