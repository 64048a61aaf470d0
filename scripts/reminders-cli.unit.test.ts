// `npm run -s reminders -- plan FILE.json`: JSON sorted by time for a good file; exit 2 and a plain
// message for a bad one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'reminders-cli-'));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(import.meta.dirname, 'reminders-cli.ts'), ...args], { encoding: 'utf8' });
const file = (name: string, text: string) => {
  const where = path.join(dir, name);
  writeFileSync(where, text);
  return where;
};

describe('the plan command', () => {
  it('prints every reminder as JSON, sorted by time', () => {
    const plan = file(
      'good.json',
      JSON.stringify({
        from: '2031-01-01T00:00:00Z',
        to: '2031-01-20T00:00:00Z',
        assignments: [
          { id: 'b', invitedAt: '2031-01-02T00:00:00Z', dueAt: '2031-02-01T00:00:00Z' },
          { id: 'a', invitedAt: '2031-01-01T00:00:00Z', dueAt: '2031-02-01T00:00:00Z', timeZone: 'Asia/Tokyo' },
        ],
      }),
    );
    const result = run('plan', plan);
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Array<{ assignment: string; at: string }>;
    expect(printed.map((p) => p.assignment)).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(printed.map((p) => p.at)).toEqual([...printed.map((p) => p.at)].sort());
    expect(printed[0]).toEqual({
      assignment: 'a',
      kind: 'invitation_reminder',
      occurrence: 1,
      at: '2031-01-06T00:00:00.000Z',
    });
  });

  it('exits 2 with a clear message: a missing file, not JSON, not a valid plan', () => {
    const missing = run('plan', path.join(dir, 'nothing.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const notJson = run('plan', file('bad.json', '{ "from": '));
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('is not JSON');
    const invalid = run(
      'plan',
      file('invalid.json', JSON.stringify({ from: 'yesterday', to: '2031-01-01T00:00:00Z' })),
    );
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('is not a valid plan');
    expect(invalid.stderr).toContain('from');
    expect(invalid.stderr).toContain('assignments');
  });

  it('says how to use it when asked wrongly', () => {
    const wrong = run('send');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('usage: npm run -s reminders -- plan FILE.json');
  });
});
