// The web build inside `npm start`: its output is held back when it succeeds, and shown whole when
// it fails, so the error is on screen.
import { describe, expect, it } from 'vitest';
import { QuietRunFailed, runQuietly } from './run-quietly.ts';

const node = (code: string) => ({ command: process.execPath, args: ['-e', code] });
const chatty = 'for (let i = 0; i < 300; i++) console.log("dist/chunk-" + i + ".js  1.2 kB");';

describe('runQuietly', () => {
  it('prints nothing for a command that succeeds, however much it writes', async () => {
    const printed: string[] = [];
    const took = await runQuietly(node(chatty), (output) => printed.push(output));
    expect(printed).toEqual([]);
    expect(took).toBeGreaterThanOrEqual(0);
  });

  it('prints the whole output, errors included, when the command fails', async () => {
    const printed: string[] = [];
    const failing = runQuietly(
      // exitCode, not process.exit(): exit() may drop writes still queued on a pipe (Node's own
      // behaviour), which made this test lose the last lines on a busy machine.
      node(`${chatty} console.error('src/routes/+page.svelte:3:1 Unexpected token'); process.exitCode = 1;`),
      (output) => printed.push(output),
    );
    await expect(failing).rejects.toThrow(QuietRunFailed);
    await expect(failing).rejects.toThrow(/failed \(exit 1\); its output is above/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('dist/chunk-0.js');
    expect(printed[0]).toContain('dist/chunk-299.js');
    expect(printed[0]).toContain('src/routes/+page.svelte:3:1 Unexpected token');
  });
});
