// `npm run -s reminders -- plan FILE.json`: every reminder the sweep would send in a window, as
// JSON on stdout, computed by the sweep's own rule (server/src/reminders/plan.ts). Exit 2 with a
// plain message on stderr when the file is missing, not JSON, or not a valid plan; 1 on bad usage.
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { z } from 'zod';
import { planInputSchema, planReminders } from '../server/src/reminders/plan.ts';

const usage = `usage: npm run -s reminders -- plan FILE.json   (FILE "-" reads standard input)
The file: { "from": ISO, "to": ISO, "everyMinutes": 15, "policy": {…}, "downtime": [[ISO, ISO]],
            "assignments": [{ "id", "timeZone", "invitedAt", "dueAt", "acceptedAt"?, … }] }
See README.md, "Reminders".`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const [command, file, ...rest] = process.argv.slice(2);
if (command === '--help' || command === '-h') {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (command !== 'plan' || !file || rest.length) fail(usage, 1);

let text: string;
try {
  text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
} catch (error) {
  fail(
    `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    2,
  );
}
let json: unknown;
try {
  json = JSON.parse(text);
} catch (error) {
  fail(`${file} is not JSON: ${(error as Error).message}`, 2);
}
const input = planInputSchema.safeParse(json);
if (!input.success) fail(`${file} is not a valid plan:\n${z.prettifyError(input.error)}`, 2);
process.stdout.write(`${JSON.stringify(planReminders(input.data), null, 2)}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
