// One pino logger for the worker process: one line per entry on the console in development, JSON
// lines elsewhere. Mail bodies and tokens are never passed to it; the redaction is a second wall in
// case a payload slips in, and e-mail addresses are masked in every line (an SMTP refusal quotes
// the recipient). The server's logger uses the same console and masking (`@gaps/workers/shared`).
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const redactPaths = ['*.password', '*.token', '*.text', '*.text_body', '*.textBody', '*.html'];

// Also written as in an address bar (%40), where a path or query carries one.
const EMAIL_ADDRESS = /[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;

/** pino's `hooks`: every line is written with its e-mail addresses masked. */
export const maskingHooks = {
  streamWrite: (line: string) => line.replace(EMAIL_ADDRESS, '[e-mail]'),
};

/**
 * The development console: one line per entry (an error's stack still follows it), written
 * synchronously, so whatever a process logged before telling `npm start` it is ready is on the
 * screen before the banner. Undefined where pino-pretty is not installed (a production image).
 * `request` holds the fields of the per-request line, already spelt out in its message.
 */
export function developmentConsole(): DestinationStream | undefined {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
    return pretty({ translateTime: 'HH:MM:ss', ignore: 'pid,hostname,request', singleLine: true, sync: true });
  } catch {
    return undefined;
  }
}

export function createLogger(
  config: { LOG_LEVEL: string; NODE_ENV: string },
  name: string,
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level: config.LOG_LEVEL,
    redact: { paths: redactPaths, censor: '[redacted]' },
    hooks: maskingHooks,
  };
  const stream = destination ?? (config.NODE_ENV === 'development' ? developmentConsole() : undefined);
  return stream ? pino(options, stream) : pino(options);
}
