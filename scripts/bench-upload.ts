// `npm run bench:upload`: uploads a 25 MB PDF to a real server process and prints how much the
// server's memory grew while it streamed the file to disk (target: under 10 MB), and the time.
import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase } from '@gaps/db';
import { migrateToLatest } from '@gaps/db/migrator';
import { sql } from 'kysely';
import { seedDemoData } from '../server/src/demo/seed-demo-data.ts';
import { projectRoot, resolvePostgres, resolveRedis } from './services.ts';

const MB = 1024 * 1024;
const work = mkdtempSync(path.join(tmpdir(), 'gaps-bench-'));
const postgres = await resolvePostgres('postgres');
const redis = await resolveRedis();
const dbName = `gaps_bench_${process.pid}`;
const admin = createDatabase(postgres.url, { max: 1 });
await sql`CREATE DATABASE ${sql.id(dbName)}`.execute(admin);
const dbUrl = Object.assign(new URL(postgres.url), { pathname: `/${dbName}` }).toString();
const db = createDatabase(dbUrl, { max: 2 });
let server: ChildProcess | undefined;

try {
  await migrateToLatest(db);
  await seedDemoData(db, { password: 'bench-bench-bench' });
  const port = await freePort();
  server = spawn(process.execPath, ['server/src/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: work,
      QUEUE_PREFIX: `bench-${process.pid}`,
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/api/session`).catch(() => null))?.ok ?? false);

  // Sign in as an author and start a draft, like the browser does.
  const jar = new Map<string, string>();
  const call = async (method: string, url: string, body?: unknown) => {
    const session = jar.size
      ? await fetch(`${base}/api/session`, { headers: { cookie: cookies(jar) } })
      : await fetch(`${base}/api/session`);
    keep(jar, session);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { cookie: cookies(jar), 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    keep(jar, response);
    return { response, csrfToken };
  };
  await call('POST', '/api/session/login', { email: 'author1@example.org', password: 'bench-bench-bench' });
  const journal = await db
    .selectFrom('call')
    .select('id')
    .where('slug', '=', 'open-submissions')
    .executeTakeFirstOrThrow();
  const { response: started, csrfToken } = await call('POST', '/api/submissions', { callId: journal.id });
  const { id } = (await started.json()) as { id: string };

  const pdfPath = path.join(work, 'manuscript.pdf');
  const size = 25 * MB - 4096;
  writeFileSync(
    pdfPath,
    Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 16, 0x20), Buffer.from('\n%%EOF\n')]),
  );

  // Warm up (first request JIT-compiles the route), then measure.
  await upload(base, id, jar, csrfToken, path.join(projectRoot, 'package.json'), true);
  await new Promise((r) => setTimeout(r, 500));
  const runs: Array<{ seconds: number; growth: number }> = [];
  for (let run = 0; run < 5; run++) {
    await new Promise((r) => setTimeout(r, 300));
    const before = rssOf(server.pid!);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(server!.pid!));
    }, 2);
    const t0 = performance.now();
    const status = await upload(base, id, jar, csrfToken, pdfPath, false);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(server.pid!));
    if (status !== 201) throw new Error(`upload answered ${status}`);
    runs.push({ seconds, growth: (peak - before) / MB });
  }
  const sizeMb = statSync(pdfPath).size / MB;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const growths = runs.map((r) => r.growth);
  console.log(
    `5 uploads of ${sizeMb.toFixed(1)} MB: median ${median(runs.map((r) => r.seconds)).toFixed(2)} s (${(sizeMb / median(runs.map((r) => r.seconds))).toFixed(0)} MB/s)`,
  );
  console.log(
    `server memory growth per upload (peak RSS minus RSS before): ${growths.map((g) => g.toFixed(1)).join(', ')} MB`,
  );
  console.log(
    `median ${median(growths).toFixed(1)} MB, max ${Math.max(...growths).toFixed(1)} MB (target: under 10 MB) ${Math.max(...growths) < 10 ? 'OK' : 'OVER TARGET'}`,
  );
} finally {
  server?.kill('SIGTERM');
  await db.destroy();
  await sql`DROP DATABASE IF EXISTS ${sql.id(dbName)} WITH (FORCE)`.execute(admin);
  await admin.destroy();
  await postgres.stop();
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
}

function upload(
  base: string,
  id: string,
  jar: Map<string, string>,
  csrf: string,
  file: string,
  expectRefusal: boolean,
): Promise<number> {
  const boundary = '----bench';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="manuscript"; filename="m.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/api/submissions/${id}/manuscript`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + statSync(file).size + tail.length),
        cookie: cookies(jar),
        'x-csrf-token': csrf,
      },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', expectRefusal ? () => resolve(0) : reject);
    request.write(head);
    const stream = createReadStream(file);
    stream.on('end', () => request.end(tail));
    stream.pipe(request, { end: false });
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function cookies(jar: Map<string, string>) {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

function keep(jar: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = pair!.split('=');
    jar.set(name!.trim(), value.join('='));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}
