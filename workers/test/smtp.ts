// A real SMTP server in the test process (npm smtp-server) that keeps what it receives.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  headers: Map<string, string>;
  /** The plain text, decoded (of a text + HTML message, its text part). */
  body: string;
  /** The whole message as received, for tests that read its MIME parts (mimeParts). */
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** With `holdReplies`: answer the messages received so far (and every later one at once). */
  releaseReplies(): void;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Refuse every recipient with this reply, e.g. 550 (permanent) or 451 (try later). */
  rejectRecipients?: { code: number; message: string };
  /** Take the recipients, then refuse the message after DATA with this reply. */
  rejectData?: { code: number; message: string };
  /** Keep a received message unanswered (as a slow server would) until releaseReplies(). */
  holdReplies?: boolean;
}

export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let holding = options.holdReplies ?? false;
  const held: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const reject = options.rejectRecipients;
      if (!reject) return callback();
      callback(Object.assign(new Error(reject.message), { responseCode: reject.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const reject = options.rejectData;
        if (reject) return callback(Object.assign(new Error(reject.message), { responseCode: reject.code }));
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          raw,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          ...parseMessage(raw),
          body: plainText(raw),
        });
        if (holding) held.push(() => callback());
        else callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    releaseReplies() {
      holding = false;
      for (const answer of held.splice(0)) answer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Enough of RFC 5322 for the plain-text, 7bit or quoted-printable messages nodemailer writes. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  if (headers.get('content-transfer-encoding')?.toLowerCase() === 'quoted-printable') {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { headers, body: body.replace(/\r\n$/, '') };
}

/**
 * The parts of a multipart message (one level, as nodemailer writes text + HTML), each with its
 * headers and decoded body; a single-part message is its own only part. Enough for the tests; a
 * full MIME parser (mailparser) is not a dependency of this project.
 */
export function mimeParts(raw: string): Array<{ headers: Map<string, string>; body: string }> {
  const whole = parseMessage(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(whole.headers.get('content-type') ?? '')?.[1];
  if (!boundary) return [whole];
  return whole.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map((part) => parseMessage(part.replace(/^\r\n/, '').replace(/\r\n$/, '')));
}

/** The decoded plain-text part of a message (the whole body of a single-part one). */
function plainText(raw: string): string {
  const parts = mimeParts(raw);
  const text = parts.find((part) => (part.headers.get('content-type') ?? 'text/plain').startsWith('text/plain'));
  return (text ?? parts[0])?.body ?? '';
}
