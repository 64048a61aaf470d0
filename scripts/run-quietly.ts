// Runs a command with its output held back: on success the caller prints one line of its own; on
// failure the whole output is printed, so the error is on screen (the web build writes ~280 lines
// of file sizes that would otherwise push `npm start`'s banner away).
import { spawn } from 'node:child_process';

export interface QuietRun {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export class QuietRunFailed extends Error {
  readonly output: string;
  constructor(message: string, output: string) {
    super(message);
    this.output = output;
  }
}

/** Resolves with the time taken in ms; rejects with QuietRunFailed, after writing the output to `printOnFailure`. */
export function runQuietly(
  { command, args, cwd, env }: QuietRun,
  printOnFailure: (output: string) => void = (output) => process.stderr.write(output),
): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', (error) => reject(new QuietRunFailed(`${command} could not be started: ${error.message}`, '')));
    child.once('close', (code, signal) => {
      if (code === 0) return resolve(Date.now() - started);
      printOnFailure(output);
      const how = signal ? `signal ${signal}` : `exit ${code}`;
      reject(new QuietRunFailed(`${command} ${args.join(' ')} failed (${how}); its output is above`, output));
    });
  });
}
