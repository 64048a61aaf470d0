import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { renderDefault, templateValues } from './compose.ts';
import { checkTemplate, renderTemplate, TemplateError } from './engine.ts';
import { htmlFromText, inLayout } from './layout.ts';
import { reminderMail } from './reminder-mail.ts';
import { reviewerVariables } from './reviewer-mail.ts';

const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return error.problems;
    throw error;
  }
  throw new Error('no TemplateError');
};

describe('the template engine', () => {
  it('refuses a variable the message does not have, naming it and the allowed ones', () => {
    const [problem] = problems(() =>
      checkTemplate({ subject: 'Hi {{ name }}', text: 'By {{ author_name }}', html: null }, ['name', 'code']),
    );
    expect(problem).toMatchObject({ field: 'text' });
    expect(problem!.message).toContain('{{ author_name }}');
    expect(problem!.message).toContain('You can use: name, code.');
  });

  it('says on which line a template cannot be read', () => {
    const [problem] = problems(() =>
      checkTemplate({ subject: 'x', text: 'one\ntwo\n{{ name | no_such_filter }}', html: null }, ['name']),
    );
    expect(problem).toMatchObject({ field: 'text', line: 3 });
    expect(problem!.message).toContain('at line 3');
  });

  it('prints plain text as written and escapes every value in HTML', () => {
    const checked = checkTemplate({ subject: '{{ title }}', text: '{{ title }}', html: '<p>{{ title }}</p>' }, [
      'title',
    ]);
    const parts = renderTemplate(checked, { title: 'A <b> & "c"' });
    expect(parts.text).toBe('A <b> & "c"');
    expect(parts.subject).toBe('A <b> & "c"');
    expect(parts.html).toBe('<p>A &lt;b&gt; &amp; &#34;c&#34;</p>');
  });

  it('keeps a subject on one line', () => {
    const checked = checkTemplate({ subject: 'a\n{{ x }}\nb', text: 'x', html: null }, ['x']);
    expect(renderTemplate(checked, { x: 'mid\r\nline' }).subject).toBe('a mid line b');
  });

  it('reads no file: an include is refused', () => {
    for (const tag of ['{% include "/etc/passwd" %}', '{% render "../../package.json" %}', '{% layout "x" %}']) {
      expect(() => checkTemplate({ subject: 'x', text: tag, html: null }, []), tag).toThrow(TemplateError);
    }
  });

  it('stops a template that would run too long', () => {
    const checked = checkTemplate(
      {
        subject: 'x',
        text: '{% for i in (1..100000000) %}{% for j in (1..100) %}.{% endfor %}{% endfor %}',
        html: null,
      },
      [],
    );
    expect(() => renderTemplate(checked, {})).toThrow(TemplateError);
  });
});

describe('the HTML part', () => {
  it('is made from the text: paragraphs, line breaks, clickable links, everything escaped', () => {
    const html = htmlFromText('Dear <Ann>,\n\n  Reference: X\n  Title: Y & Z\n\nhttps://example.org/a?b=1&c=2.');
    expect(html).toBe(
      '<p>Dear &lt;Ann&gt;,</p>\n<p>&nbsp;&nbsp;Reference: X<br>\n&nbsp;&nbsp;Title: Y &amp; Z</p>\n' +
        '<p><a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>.</p>',
    );
  });

  it('sits in the responsive layout, titled with the escaped subject', async () => {
    const page = await inLayout('Due <soon>', '<p>Hello</p>');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>Due &lt;soon&gt;</title>');
    expect(page).toContain('<p>Hello</p>');
    expect(page).toContain('name="viewport"');
  });
});

describe('the catalogue', () => {
  it('has one entry per key, and every default renders on its samples', () => {
    const keys = catalogue.map((kind) => kind.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const kind of catalogue) {
      const values = Object.fromEntries(Object.entries(kind.variables).map(([name, v]) => [name, v.sample]));
      const parts = renderTemplate(
        checkTemplate(kind, Object.keys(kind.variables)),
        templateValues(kind, values, 'UTC'),
      );
      expect(parts.subject, kind.key).not.toBe('');
      expect(parts.text, kind.key).not.toBe('');
    }
  });

  it('gives a reviewer’s messages only the blinded variables, none of them about an author', () => {
    const reviewerKinds = catalogue.filter((kind) => kind.audience === 'reviewer');
    expect(reviewerKinds.map((k) => k.key)).toEqual(
      expect.arrayContaining(['assignment.invitation', 'reminder.invitation', 'reminder.due_soon', 'reminder.overdue']),
    );
    for (const kind of reviewerKinds) {
      for (const name of Object.keys(kind.variables)) {
        expect(Object.keys(reviewerVariables), `${kind.key}: ${name}`).toContain(name);
        expect(name, kind.key).not.toMatch(/author_|submitter|email|affiliation/);
      }
    }
  });

  it('writes dates in the reader’s zone, naming it', () => {
    const work = {
      venueId: '00000000-0000-4000-8000-000000000001',
      code: 'JSWP-2027-0001',
      title: 'T',
      abstract: '',
      callTitle: 'C',
      venueName: 'V',
      venueKind: 'journal',
    };
    const mail = (timeZone: string) =>
      renderDefault(
        reminderMail(
          { personId: null, name: 'R', email: 'r@example.org', timeZone },
          {
            ...work,
            kind: 'due_soon',
            dueAt: new Date('2027-03-01T12:00:00Z'),
            respondBy: null,
            link: 'https://l',
            assignmentId: 'a',
          },
        ),
      );
    expect(mail('America/New_York').subject).toContain('1 March 2027 at 07:00 (America/New_York time)');
    expect(mail('Asia/Tokyo').text).toContain('due by 1 March 2027 at 21:00 (Asia/Tokyo time)');
  });
});
