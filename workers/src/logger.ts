// One pino logger for the worker process: pretty in development, JSON lines elsewhere. Mail bodies
// and tokens are never passed to it; the redaction is a second wall in case a payload slips in.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const redactPaths = ['*.password', '*.token', '*.text', '*.text_body', '*.textBody', '*.html'];

export function createLogger(
  config: { LOG_LEVEL: string; NODE_ENV: string },
  name: string,
  destination?: DestinationStream,
): Logger {
  const options = { name, level: config.LOG_LEVEL, redact: { paths: redactPaths, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  if (config.NODE_ENV === 'development') {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
    });
  }
  return pino(options);
}
