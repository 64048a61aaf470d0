// `npm run lock:platforms`: adds package-lock.json entries for the other platforms' builds of biome
// and turbo. The registry this project is developed against serves only the Linux builds of these
// optional packages, so `npm install` leaves the others out of the lock and `npm ci` then refuses
// it. Each entry names its os/cpu, so npm skips it here while a developer on macOS or Windows still
// gets theirs. Run it after `npm install` rewrites the lock.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './services.ts';

type Entry = { version: string; cpu: string[]; dev: true; optional: true; os: string[]; libc?: string[] };
const targets: Record<string, [os: string, cpu: string, libc?: string]> = {
  'android-arm64': ['android', 'arm64'],
  'android-x64': ['android', 'x64'],
  'darwin-arm64': ['darwin', 'arm64'],
  'darwin-x64': ['darwin', 'x64'],
  'darwin-64': ['darwin', 'x64'],
  'linux-arm64': ['linux', 'arm64', 'glibc'],
  'linux-arm64-musl': ['linux', 'arm64', 'musl'],
  'linux-x64': ['linux', 'x64', 'glibc'],
  'linux-x64-musl': ['linux', 'x64', 'musl'],
  'win32-arm64': ['win32', 'arm64'],
  'win32-x64': ['win32', 'x64'],
  'windows-64': ['win32', 'x64'],
  'windows-arm64': ['win32', 'arm64'],
};

const lockPath = path.join(projectRoot, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as {
  packages: Record<string, { optionalDependencies?: Record<string, string> } | Entry>;
};
const added: string[] = [];
for (const owner of ['node_modules/@biomejs/biome', 'node_modules/turbo']) {
  for (const [name, version] of Object.entries(
    (lock.packages[owner] as { optionalDependencies?: Record<string, string> } | undefined)?.optionalDependencies ?? {},
  )) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const target = targets[name.split('/').at(-1)!.replace(/^cli-/, '')];
    if (!target) throw new Error(`no platform known for ${name}`);
    const [os, cpu, libc] = target;
    const entry: Entry = {
      version,
      cpu: [cpu],
      dev: true,
      optional: true,
      os: [os],
      ...(libc ? { libc: [libc] } : {}),
    };
    lock.packages[key] = entry;
    added.push(name);
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(lockPath, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(added.length ? `added: ${added.join(', ')}` : 'the lock already lists every platform');
