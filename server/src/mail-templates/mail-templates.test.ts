// A venue's own words for its messages: checked when saved (an unknown variable or a syntax error
// is a 400 and nothing is stored), previewed on sample values, used for the next message, and
// taken back to the default. A reviewer's reminder names no author whatever a template asks for:
// the API refuses such a template, and one written straight into the table falls back to the default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAssignment } from '../../test/assignments.ts';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';
import { writeDueSoonReminder } from '../../test/written-reminder.ts';
import { grantRole } from '../accounts/person.repository.ts';

const AUTHOR = { name: 'Zoë Hartley-Ñúñez', email: 'zoe.hartley@blindtest-uni.ac.uk' };
const CO_AUTHOR = { name: 'Bartholomew Quixley-Øberg', email: 'b.quixley@quixley-trust.org.uk' };

let t: TestApp;
let venueId: string;
let otherVenueId: string;
let editor: TestClient;
let otherEditor: TestClient;
let authorClient: TestClient;
let reviewerClient: TestClient;
let reviewer: { id: string; email: string };
let assignmentId: string;
let code: string;
let occurrence = 0;

const base = () => `/api/venues/${venueId}/mail-templates`;

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  otherVenueId = (await makeVenue(t.db)).id;
  const other = await makePerson(t.db, 'author');
  await grantRole(t.db, other.id, 'editor', otherVenueId);
  otherEditor = await signedIn(t.app, other.email);

  const author = await makePerson(t.db, 'author', AUTHOR.email);
  await t.db.updateTable('person').set({ name: AUTHOR.name }).where('id', '=', author.id).execute();
  authorClient = await signedIn(t.app, author.email);
  const callId = await makeCall(t.db, venueId);
  const submissionId = await makeCompleteDraft(authorClient, callId, {
    title: 'On <care> & "time"',
    authors: [
      { name: AUTHOR.name, email: AUTHOR.email, affiliation: null },
      { name: CO_AUTHOR.name, email: CO_AUTHOR.email, affiliation: null },
    ],
  });
  expect((await authorClient.post(`/api/submissions/${submissionId}/submit`)).statusCode).toBe(200);
  await t.db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', submissionId).execute();
  code = (await t.db.selectFrom('submission').select('code').where('id', '=', submissionId).executeTakeFirstOrThrow())
    .code!;

  reviewer = await makePerson(t.db, 'author');
  await t.db
    .updateTable('person')
    .set({ name: 'Rita Reviewer', time_zone: 'Pacific/Auckland' })
    .where('id', '=', reviewer.id)
    .execute();
  reviewerClient = await signedIn(t.app, reviewer.email);
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

const stored = () =>
  t.db
    .selectFrom('mail_template')
    .selectAll()
    .where('venue_id', '=', venueId)
    .where('key', '=', 'reminder.due_soon')
    .execute();

const mentionsAnAuthor = (text: string) =>
  [AUTHOR.name, AUTHOR.email, CO_AUTHOR.name, CO_AUTHOR.email, 'Hartley', 'Quixley'].some((s) => text.includes(s));

describe('saving a template', () => {
  it('refuses an unknown variable with a 400 that names it and lists the allowed ones, storing nothing', async () => {
    const answer = await editor.put(`${base()}/reminder.due_soon`, {
      subject: 'Due: {{ code }} by {{ author_name }}',
      text: 'Dear {{ name }}, {{ link }}',
      html: null,
    });
    expect(answer.statusCode).toBe(400);
    const { error } = answer.json();
    expect(error.code).toBe('template_invalid');
    expect(error.fields).toEqual([{ path: 'subject', message: expect.stringContaining('{{ author_name }}') }]);
    expect(error.message).toContain('You can use: name, code, title');
    expect(await stored()).toEqual([]);
  });

  it('refuses a syntax error, saying on which line, and an empty subject', async () => {
    const broken = await editor.put(`${base()}/reminder.due_soon`, {
      subject: 'Due soon',
      text: 'Dear {{ name }},\n\n{% if judging %}Your scores',
      html: null,
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields[0]).toMatchObject({ path: 'text' });
    expect(broken.json().error.message).toMatch(/line \d/);
    const empty = await editor.put(`${base()}/reminder.due_soon`, { subject: '  ', text: 'Hello', html: null });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0]).toMatchObject({ path: 'subject', message: expect.stringContaining('empty') });
    expect(await stored()).toEqual([]);
  });
});

describe('the preview', () => {
  it('renders unsaved words on the sample values: subject, text, and HTML with values escaped', async () => {
    const answer = await editor.post(`${base()}/reminder.due_soon/preview`, {
      subject: 'Due soon: {{ code }}',
      text: 'Dear {{ name }},\nDue by {{ due_at }}.\n{{ link }}',
      html: '<p>{{ "<b>bold</b>" }} for {{ name }}</p>',
    });
    expect(answer.statusCode).toBe(200);
    const preview = answer.json();
    expect(preview.subject).toBe('Due soon: JSWP-2027-0001');
    expect(preview.text).toContain('Dear Alex Example,');
    expect(preview.text).toContain('(Europe/London time)');
    expect(preview.html).toContain('<p>&lt;b&gt;bold&lt;/b&gt; for Alex Example</p>');
    expect(preview.html).toMatch(/^<!doctype html>/);
    // The same HTML as a page of its own, for the editor page's frame: its own CSP, for this editor only.
    const page = await editor.get(preview.htmlUrl);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toBe(preview.html);
    expect((await otherEditor.get(preview.htmlUrl)).statusCode).toBe(404);

    const fromText = (
      await editor.post(`${base()}/reminder.due_soon/preview`, { subject: 'x', text: 'See {{ link }}', html: '' })
    ).json();
    expect(fromText.html).toContain('<a href="https://submissions.example.org/invitations/sample">');
  });

  it('answers the same 400 as saving for an unknown variable', async () => {
    const answer = await editor.post(`${base()}/reminder.due_soon/preview`, {
      subject: 'x',
      text: '{{ submitter_email }}',
      html: null,
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.fields[0].message).toContain('{{ submitter_email }}');
  });
});

describe('a venue’s own words', () => {
  it('are used for the next message, dates in the reader’s zone, and restoring brings the default back', async () => {
    const saved = await editor.put(`${base()}/reminder.due_soon`, {
      subject: 'A gentle nudge about {{ code }}',
      text: 'Dear {{ name }},\n\n“{{ title }}” is due by {{ due_at }}.\n\n{{ link }}',
      html: null,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ customised: true, saved: { subject: 'A gentle nudge about {{ code }}' } });
    const list = (await editor.get(base())).json();
    expect(list.kinds.find((k: { key: string }) => k.key === 'reminder.due_soon').customised).toBe(true);

    const custom = await dueSoonReminder();
    expect(custom.template).toBe('reminder.due_soon');
    expect(custom.subject).toBe(`A gentle nudge about ${code}`);
    expect(custom.text_body).toContain('Dear Rita Reviewer,');
    expect(custom.text_body).toContain('“On <care> & "time"” is due by 2 March 2027 at 01:00 (Pacific/Auckland time).');
    // The HTML made from the text escapes the title and keeps the link clickable.
    expect(custom.html_body).toContain('On &lt;care&gt; &amp; &quot;time&quot;');
    expect(custom.html_body).toMatch(/<a href="https:\/\/submissions\.example\.org\/[^"]+">/);

    expect((await editor.delete(`${base()}/reminder.due_soon`)).json().customised).toBe(false);
    expect(await stored()).toEqual([]);
    const restored = await dueSoonReminder();
    expect(restored.subject).toBe(
      `Reminder: your review of ${code} is due on 2 March 2027 at 01:00 (Pacific/Auckland time)`,
    );

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', venueId)
      .where('action', 'like', 'mail_template.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['mail_template.saved', 'mail_template.reset']);
  });
});

describe('a reviewer’s reminder', () => {
  it('names no author even when a template asks: the API refuses it', async () => {
    for (const name of ['author_name', 'author', 'submitter_name', 'author_email', 'authors_list']) {
      const answer = await editor.put(`${base()}/reminder.due_soon`, {
        subject: 'Due',
        text: `Written by {{ ${name} }}`,
        html: null,
      });
      expect(answer.statusCode, name).toBe(400);
    }
    const include = await editor.put(`${base()}/reminder.due_soon`, {
      subject: 'Due',
      text: '{% include "/etc/passwd" %}',
      html: null,
    });
    expect(include.statusCode).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('written straight into the table, falls back to the default words and names no author', async () => {
    await t.db
      .insertInto('mail_template')
      .values({
        venue_id: venueId,
        key: 'reminder.due_soon',
        subject: 'By {{ author_name }}',
        text_body: 'Written by {{ author_name }} ({{ author_email }}) {{ submission.authors }}',
        html_body: '<p>{{ author_name }}</p>',
      })
      .execute();
    const sent = await dueSoonReminder();
    expect(sent.subject).toBe(
      `Reminder: your review of ${code} is due on 2 March 2027 at 01:00 (Pacific/Auckland time)`,
    );
    expect(sent.text_body).toContain('A reminder that your review of this submission is due by');
    expect(mentionsAnAuthor(`${sent.subject}\n${sent.text_body}\n${sent.html_body}`)).toBe(false);
    await t.db.deleteFrom('mail_template').where('venue_id', '=', venueId).execute();
  });
});

describe('who may edit', () => {
  it('only the venue’s editors: others get 404, and account messages are not a venue’s', async () => {
    for (const client of [otherEditor, reviewerClient, authorClient]) {
      expect((await client.get(base())).statusCode).toBe(404);
      expect((await client.get(`${base()}/reminder.due_soon`)).statusCode).toBe(404);
      const put = await client.put(`${base()}/reminder.due_soon`, { subject: 'x', text: 'y', html: null });
      expect(put.statusCode).toBe(404);
      expect((await client.delete(`${base()}/reminder.due_soon`)).statusCode).toBe(404);
      const preview = await client.post(`${base()}/reminder.due_soon/preview`, { subject: 'x', text: 'y', html: null });
      expect(preview.statusCode).toBe(404);
    }
    expect(await stored()).toEqual([]);
    expect((await editor.get(`${base()}/account.verify_email`)).statusCode).toBe(404);
    expect((await editor.get(`${base()}/reminder.nonsense`)).statusCode).toBe(404);
    expect((await otherEditor.get(`/api/venues/${otherVenueId}/mail-templates`)).statusCode).toBe(200);
  });
});

describe('the site-wide account messages', () => {
  it('are the admins’ to reword: used for the next one, restored, and 404 to editors', async () => {
    const admin = await signedIn(t.app, (await makePerson(t.db, 'admin')).email);
    const list = (await admin.get('/api/admin/mail-templates')).json();
    expect(list.kinds.map((k: { key: string }) => k.key)).toContain('account.verify_email');
    expect(list.kinds.every((k: { audience: string }) => k.audience === 'account')).toBe(true);
    for (const client of [editor, authorClient]) {
      expect((await client.get('/api/admin/mail-templates')).statusCode).toBe(404);
      const put = await client.put('/api/admin/mail-templates/account.verify_email', {
        subject: 'x',
        text: 'y',
        html: null,
      });
      expect(put.statusCode).toBe(404);
    }
    // A venue's message is not the site's.
    expect((await admin.get('/api/admin/mail-templates/reminder.due_soon')).statusCode).toBe(404);

    const saved = await admin.put('/api/admin/mail-templates/account.verify_email', {
      subject: 'Welcome, {{ name }}: one more step',
      text: 'Dear {{ name }},\n\nOpen {{ link }} to confirm.',
      html: null,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const register = async (email: string) => {
      const answer = await new TestClient(t.app).post('/api/accounts/register', {
        name: 'Nina New',
        email,
        password: 'a long enough secret',
      });
      expect(answer.statusCode).toBe(202);
      return t.db
        .selectFrom('email_message')
        .select(['template', 'subject', 'text_body'])
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
    };
    const custom = await register('nina.one@example.org');
    expect(custom).toMatchObject({ template: 'account.verify_email', subject: 'Welcome, Nina New: one more step' });

    expect((await admin.delete('/api/admin/mail-templates/account.verify_email')).json().customised).toBe(false);
    expect((await register('nina.two@example.org')).subject).toBe('Please confirm your e-mail address');
    const audit = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'mail_template.site_%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['mail_template.site_saved', 'mail_template.site_reset']);
  });
});
