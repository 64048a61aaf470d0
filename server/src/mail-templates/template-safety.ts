// What a template may not do, whoever writes it. Some values are bearer links (a reviewer's
// invitation link opens the assignment; account links reset a password): a template must print
// them as themselves, never glued into another address where a stranger's server would collect
// them. The HTML part may not fetch anything (an image's address is a tracking beacon) or run
// anything, and no part may send readers to another site. Checked on the source (clear messages
// at save time) and again on the output (links rendered as placeholders, see engine.ts).
import type { TemplateField, TemplateProblem } from './engine.ts';

export interface SafetyRules {
  /** The variables whose values are links (kind 'link'). */
  links: readonly string[];
  /** The site's own address (PUBLIC_URL); null when unknown: addresses are then not checked. */
  siteUrl: string | null;
}

const fieldNames: Record<TemplateField, string> = { subject: 'subject', text: 'plain text', html: 'HTML' };

const liquidSpans = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const mentions = (code: string, name: string) => new RegExp(`(^|[^\\w.])${name}(?!\\w)`).test(code);

/** Starts with the site's own address (and not a longer host that merely begins with it). */
export function onSite(url: string, siteUrl: string | null): boolean {
  if (!siteUrl) return false;
  const base = siteUrl.replace(/\/+$/, '');
  return url === base || (url.startsWith(base) && /[/?#]/.test(url[base.length] ?? ''));
}

const beforeText = (c: string | undefined) => c === undefined || /[\s<(]/.test(c);
const afterText = (c: string | undefined) => c === undefined || /[\s>).,]/.test(c);
const beforeHtml = (c: string | undefined) => c === undefined || /[\s>(]/.test(c);
const afterHtml = (c: string | undefined) => c === undefined || /[\s<).,]/.test(c);

/** A link at [start, end) of `out` stands alone: nothing joins it to other text into an address. */
export function standsAlone(field: TemplateField, out: string, start: number, end: number): boolean {
  const before = start > 0 ? out[start - 1] : undefined;
  const after = end < out.length ? out[end] : undefined;
  if (field !== 'html') return beforeText(before) && afterText(after);
  if (beforeHtml(before) && afterHtml(after)) return true;
  return /href\s*=\s*"$/i.test(out.slice(Math.max(0, start - 12), start)) && after === '"';
}

const activeHtml: [RegExp, string][] = [
  [/<\s*(script|iframe|object|embed|form|meta|base|link|svg|math|frame|frameset|applet)\b/i, 'the <$1> element'],
  [/\b(src|srcset|background|poster|action|formaction|xlink:href)\s*=/i, 'the $1= attribute (it loads from elsewhere)'],
  [/url\s*\(/i, 'CSS url(…) (it loads from elsewhere)'],
  [/@import/i, 'CSS @import'],
  [/<[^>]*\son[a-z]+\s*=/i, 'an on…= event attribute'],
];

const literalUrls = /\bhttps?:\/\/[^\s<>"'`)]*|(?<![:\w/])\/\/[a-z0-9][^\s<>"'`)]*|\bwww\.[^\s<>"'`)]*/gi;

/** The problems of one field's source: where the links are printed, what the HTML does. */
export function sourceProblems(field: TemplateField, body: string, rules: SafetyRules): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const name = fieldNames[field];
  const add = (message: string) => problems.push({ field, message });
  let captured = 0;
  for (const match of body.matchAll(liquidSpans)) {
    const span = match[0];
    const code = span.slice(2, -2);
    const start = match.index;
    const end = start + span.length;
    if (span.startsWith('{%')) {
      if (/^-?\s*capture\b/.test(code)) captured++;
      if (/^-?\s*endcapture\b/.test(code)) captured = Math.max(0, captured - 1);
    }
    if (/\|\s*raw\b/.test(code)) {
      add(`The ${name} uses the "raw" filter: values are always escaped, so remove "| raw".`);
    }
    if (/\[\s*(?!["'\d\]])/.test(code.replace(/"[^"]*"|'[^']*'/g, '""'))) {
      add(
        `The ${name} looks a value up by a name it works out (${span.trim()}): write the variable's name itself, such as {{ venue }}.`,
      );
    }
    for (const link of rules.links) {
      if (!mentions(code, link)) continue;
      const bare = span.startsWith('{{') && new RegExp(`^\\s*${link}\\s*$`).test(code);
      if (!bare || captured > 0) {
        add(
          `The ${name} uses {{ ${link} }} in ${span.trim()}: a link may only be printed on its own, as {{ ${link} }}, with no filter and not inside {% … %}.`,
        );
      } else if (!standsAlone(field, body, start, end)) {
        add(
          field === 'html'
            ? `The ${name} joins {{ ${link} }} to the text around it: put it on its own (with a space or a tag on each side) or as href="{{ ${link} }}".`
            : `The ${name} joins {{ ${link} }} to the text around it: put a space or a new line on each side of it.`,
        );
      }
    }
  }
  if (field === 'html') {
    for (const [pattern, what] of activeHtml) {
      const found = pattern.exec(body);
      if (found) {
        add(
          `The HTML uses ${what.replace('$1', found[1] ?? '')}: a message may not load images or anything else from another site, nor run scripts. Remove it.`,
        );
      }
    }
    for (const found of body.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const value = (found[1] ?? found[2] ?? found[3] ?? '').trim();
      if (rules.links.some((link) => new RegExp(`^\\{\\{\\s*${link}\\s*\\}\\}$`).test(value))) continue;
      if (/^mailto:/i.test(value) && !value.includes('{{') && !value.includes('{%')) continue;
      if (/^\s*(javascript|data|vbscript):/i.test(value)) {
        add(`The HTML has a link to "${value.slice(0, 40)}": javascript: and data: links are not allowed. Remove it.`);
      } else if (rules.siteUrl !== null && !(onSite(value, rules.siteUrl) && !/\{[{%]/.test(value))) {
        add(
          `The HTML has a link to "${value.slice(0, 60)}": a link may only be a message's own link (href="{{ link }}"), a mailto: address, or a page of this site (${rules.siteUrl}).`,
        );
      }
    }
  }
  if (rules.siteUrl !== null) {
    const elsewhere = [...body.matchAll(literalUrls)].map((m) => m[0]).filter((url) => !onSite(url, rules.siteUrl));
    if (elsewhere.length) {
      add(
        `The ${name} has the address ${elsewhere[0]}: a message may not send its readers to another site. Remove it, or link to a page of this site (${rules.siteUrl}).`,
      );
    }
  }
  return problems;
}

/** The problems of rendered HTML: tags come only from the template (values are escaped). */
export function outputHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const tag of html.match(/<[a-z!/][^>]*>?/gi) ?? []) {
    for (const [pattern] of activeHtml) if (pattern.test(tag)) problems.push(`the HTML has ${tag.slice(0, 60)}`);
    const href = /\bhref\s*=\s*["']?\s*(javascript|data|vbscript):/i.exec(tag);
    if (href) problems.push(`the HTML has a ${href[1]}: link`);
  }
  return problems;
}
