// The certificate read back as a reader's PDF tools read it (pdftotext for the words, pdf-lib for
// the page), in the scripts the certificate claims, and who may download it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AwardWorld,
  makeAwardWorld,
  makePersonNamed,
  putAwardResult,
  sendEntry,
} from '../../../test/award-entrant-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn } from '../../../test/client.ts';
import { A4_LANDSCAPE, type CertificateFacts, makeCertificate } from './certificate.ts';
import { unprintable } from './certificate-fonts.ts';

const run = promisify(execFile);
const folder = mkdtempSync(path.join(tmpdir(), 'certificate-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function textOf(pdf: Uint8Array): Promise<string> {
  const file = path.join(folder, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

const facts = (overrides: Partial<CertificateFacts> = {}): CertificateFacts => ({
  names: ['Alex Example'],
  outcome: 'winner',
  awardName: 'Clare Winnicott Essay Awards',
  categoryName: 'Student',
  year: 2026,
  title: 'Holding the frame',
  code: 'CWEA-2026-017',
  ...overrides,
});

describe('the certificate PDF', () => {
  it('is one A4 landscape page that says who won what, in which category and year', async () => {
    const pdf = await makeCertificate(facts());
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([width, height]).toEqual(A4_LANDSCAPE);
    expect(Math.round((width * 25.4) / 72)).toBe(297); // millimetres
    expect(Math.round((height * 25.4) / 72)).toBe(210);
    const text = await textOf(pdf);
    expect(text).toContain('Alex Example');
    expect(text).toContain('won the Student category');
    expect(text).toContain('Clare Winnicott Essay Awards 2026');
    expect(text).toContain('Holding the frame');
  });

  it('says "commended" for a commended entry', async () => {
    const text = await textOf(await makeCertificate(facts({ outcome: 'commended' })));
    expect(text).toContain('was commended in the Student category');
    expect(text).not.toContain('won');
  });

  it.each([
    ['Greek', 'Ελένη Παπαδοπούλου'],
    ['Cyrillic', 'Анна Кузнецова'],
    ['Chinese', '王小明'],
    ['Korean', '김민준'],
    ['Latin with accents', 'Łukasz Wójcik-Ó Súilleabháin'],
  ])('prints a %s name as written', async (_script, name) => {
    expect(unprintable(name)).toEqual([]);
    const text = await textOf(await makeCertificate(facts({ names: [name] })));
    expect(text).toContain(name);
  });

  it.each([
    ['Arabic', 'نور الهدى'],
    ['Hebrew', 'שרה כהן'],
  ])('prints a right-to-left %s name, which reads back in its own order', async (_script, name) => {
    expect(unprintable(name)).toEqual([]);
    const text = await textOf(await makeCertificate(facts({ names: [name] })));
    // pdftotext applies the bidi algorithm and may wrap the run in directional marks.
    expect(text.replace(/[\u200e\u200f\u202a-\u202e]/g, '')).toContain(name);
  });

  it('names every author of a jointly written essay', async () => {
    const text = await textOf(await makeCertificate(facts({ names: ['Sam One', 'Ріта Два', 'Kim Three'] })));
    expect(text).toContain('Sam One, Ріта Два and Kim Three');
  });

  it('says which scripts it cannot set correctly (Devanagari needs shaping pdf-lib does not do)', () => {
    expect(unprintable('प्रिया')).not.toEqual([]);
    expect(unprintable('Ελένη 王小明 نور')).toEqual([]);
  });

  it('sets a long name on two lines rather than cutting it', async () => {
    const long = 'Maria Fernanda de los Ángeles Rodríguez-Villanueva and Christopher Alexander Montgomery-Smythe';
    const text = await textOf(await makeCertificate(facts({ names: [long] })));
    expect(text).toContain(long);
    expect(text).not.toContain('…');
  });

  it('embeds only the glyphs it draws: a certificate stays small', async () => {
    expect((await makeCertificate(facts({ names: ['王小明'] }))).length).toBeLessThan(120_000);
    expect((await makeCertificate(facts())).length).toBeLessThan(40_000);
  });
});

describe('GET /submissions/:id/certificate', () => {
  let t: TestApp;
  let world: AwardWorld;
  let entrant: { id: string; email: string };
  let winnerId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    world = await makeAwardWorld(t.db);
    entrant = await makePersonNamed(t.db, 'Ελένη Παπαδοπούλου');
    winnerId = (await sendEntry(t.app, world, entrant)).id;
    await putAwardResult(t.db, world, winnerId, 'winner');
  });
  afterAll(() => t.close());

  const download = async (email: string, submissionId = winnerId) =>
    (await signedIn(t.app, email)).get(`/api/submissions/${submissionId}/certificate`);

  it('gives the entrant their certificate, named by the entry code only', async () => {
    const response = await download(entrant.email);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const code = (
      await t.db.selectFrom('submission').select('code').where('id', '=', winnerId).executeTakeFirstOrThrow()
    ).code;
    expect(response.headers['content-disposition']).toBe(`attachment; filename="certificate-${code}.pdf"`);
    const text = await textOf(response.rawPayload);
    expect(text).toContain('Ελένη Παπαδοπούλου');
    expect(text).toContain('won the Student category of the Clare Winnicott Essay Awards 2026');
  });

  it('gives it to a linked co-author and to the award’s editors', async () => {
    const coAuthor = await makePersonNamed(t.db, 'Сергей Иванов');
    await t.db
      .insertInto('submission_author')
      .values({
        submission_id: winnerId,
        person_id: coAuthor.id,
        name: coAuthor.name,
        email: coAuthor.email,
        position: 2,
      })
      .execute();
    expect((await download(coAuthor.email)).statusCode).toBe(200);
    const text = await textOf((await download(coAuthor.email)).rawPayload);
    expect(text).toContain('Ελένη Παπαδοπούλου and Сергей Иванов');
    const editor = await makePersonNamed(t.db, 'Award Chair', [world.award.id]);
    expect((await download(editor.email)).statusCode).toBe(200);
  });

  it('is not there (404) for another entrant, a judge or an editor of another venue', async () => {
    const other = await makePersonNamed(t.db, 'Other Entrant');
    await sendEntry(t.app, world, other);
    expect((await download(other.email)).statusCode).toBe(404);
    const judge = await makePersonNamed(t.db, 'A Judge');
    await t.db
      .insertInto('assignment')
      .values({ submission_id: winnerId, reviewer_id: judge.id, round: 1, reviewer_number: 1, status: 'accepted' })
      .execute();
    expect((await download(judge.email)).statusCode).toBe(404);
    const journalEditor = await makePersonNamed(t.db, 'Journal Editor', [world.journal.id]);
    expect((await download(journalEditor.email)).statusCode).toBe(404);
  });

  it('is not there (404) before the announcement, or for an entry not placed or only shortlisted', async () => {
    for (const [outcome, announcedAt] of [
      ['commended', null],
      ['not_placed', new Date()],
      ['shortlisted', new Date()],
    ] as const) {
      const someone = await makePersonNamed(t.db, `Entrant ${outcome}`);
      const { id } = await sendEntry(t.app, world, someone);
      await putAwardResult(t.db, world, id, outcome, announcedAt);
      expect((await download(someone.email, id)).statusCode).toBe(404);
    }
  });
});
