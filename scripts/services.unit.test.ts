import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstClosedFolder } from './services.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gaps-closed-'));
afterAll(() => {
  chmodSync(root, 0o755);
  rmSync(root, { recursive: true, force: true });
});

describe('firstClosedFolder', () => {
  it('names the folder other users cannot enter on the way to the data, as a root-only home folder', () => {
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, 'project', '.data'), { recursive: true });
    chmodSync(root, 0o755);
    chmodSync(home, 0o700);
    expect(firstClosedFolder([path.join(home, 'project', '.data', 'postgres')])).toBe(home);
    chmodSync(home, 0o755);
    expect(firstClosedFolder([path.join(home, 'project', '.data', 'postgres')])).toBeNull();
  });
});
