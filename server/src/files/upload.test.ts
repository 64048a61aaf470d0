import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, samplePdf } from '../../test/factories.ts';

let t: TestApp;
let author: TestClient;
let callId: string;
beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  callId = await makeCall(t.db, venue.id);
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
});
afterAll(async () => {
  await t.close();
});

async function draft() {
  return (await author.post('/api/submissions', { callId })).json().id as string;
}

function filesOnDisk(): string[] {
  const root = path.join(t.dataDir, 'files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const versionsOf = (id: string) =>
  t.db
    .selectFrom('manuscript_version')
    .select(['version_number', 'file_sha256', 'uploaded_name'])
    .where('submission_id', '=', id)
    .execute();

describe('manuscript upload', () => {
  it('stores a PDF content-addressed, deduplicated, as a new version each time', async () => {
    const id = await draft();
    const pdf = samplePdf();
    const first = await author.upload(`/api/submissions/${id}/manuscript`, 'Jane Smith - essay.pdf', pdf);
    expect(first.statusCode).toBe(201);
    const second = await author.upload(`/api/submissions/${id}/manuscript`, 'again.pdf', pdf);
    expect(second.json().versionNumber).toBe(2);
    const versions = await versionsOf(id);
    expect(versions).toHaveLength(2);
    expect(versions[0]!.file_sha256).toBe(versions[1]!.file_sha256);
    const stored = filesOnDisk().filter((f) => f.includes(`${path.sep}sha256${path.sep}`));
    expect(stored).toHaveLength(1);
    expect(path.basename(stored[0]!)).toBe(versions[0]!.file_sha256);
  });

  it('serves the original to its author under a neutral name, never the uploaded one', async () => {
    const id = await draft();
    const uploaded = await author.upload(`/api/submissions/${id}/manuscript`, 'Jane Smith - essay.pdf', samplePdf());
    const response = await author.get(`/api/submissions/${id}/manuscripts/${uploaded.json().id}/file`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="draft-manuscript-v1.pdf"');
    expect(response.rawPayload.equals(samplePdf())).toBe(true);
  });

  it('refuses a file over 25 MB with 413 and keeps nothing', async () => {
    const id = await draft();
    const before = filesOnDisk();
    const big = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(26 * 1024 * 1024, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    const response = await author.upload(`/api/submissions/${id}/manuscript`, 'big.pdf', big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toContain('25 MB');
    expect(await versionsOf(id)).toEqual([]);
    expect(filesOnDisk()).toEqual(before);
  });

  it('refuses a PNG renamed .pdf with 415, naming the accepted format', async () => {
    const id = await draft();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 1)]);
    const response = await author.upload(`/api/submissions/${id}/manuscript`, 'essay.pdf', png, 'application/pdf');
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toMatch(/not a PDF/);
    expect(await versionsOf(id)).toEqual([]);
  });

  it('refuses an empty file and a cut-off PDF with 400', async () => {
    const id = await draft();
    const empty = await author.upload(`/api/submissions/${id}/manuscript`, 'essay.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('empty_file');
    const pdf = samplePdf();
    const cut = await author.upload(`/api/submissions/${id}/manuscript`, 'essay.pdf', pdf.subarray(0, pdf.length / 2));
    expect(cut.statusCode).toBe(400);
    expect(cut.json().error.code).toBe('truncated_file');
    expect(await versionsOf(id)).toEqual([]);
  });

  it('leaves no file and no row behind when the browser cancels mid-upload', async () => {
    const id = await draft();
    const before = filesOnDisk();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL(`${address}/api/submissions/${id}/manuscript`);
    const sessionCookie = author.cookie('gaps_session')!;
    const csrfCookie = author.cookie('gaps_csrf')!;
    const token = (await author.get('/api/session')).json().csrfToken as string;
    const boundary = '----cancelled';
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(5 * 1024 * 1024),
        cookie: `gaps_session=${sessionCookie}; gaps_csrf=${csrfCookie}`,
        'x-csrf-token': token,
      },
    });
    request.on('error', () => {}); // the test itself cuts the connection
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="manuscript"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    request.write(Buffer.alloc(512 * 1024, 0x20));
    // Cancel once the server is writing the upload to disk, then wait (bounded) for its clean-up.
    await vi.waitFor(() => expect(filesOnDisk().length).toBeGreaterThan(before.length), { timeout: 10_000 });
    request.destroy();
    await vi.waitFor(() => expect(filesOnDisk()).toEqual(before), { timeout: 10_000 });
    expect(await versionsOf(id)).toEqual([]);
  });
});
