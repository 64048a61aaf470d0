// The template engine: LiquidJS, set up so a template can only print the values it is given.
// No file access (`templates: {}` makes {% include %} and {% render %} find nothing), no
// undefined variable or filter passes silently (strict), and time and memory are capped so a
// template cannot stall the server. Plain text is printed as written; HTML escapes every value.
// Link values never enter the engine: it prints a placeholder, and each placeholder that stands alone
// in the output is replaced by the real link afterwards (template-safety.ts says what "alone" means).
import { randomBytes } from 'node:crypto';
import { Liquid, type Template } from 'liquidjs';
import { outputHtmlProblems, type SafetyRules, sourceProblems, standsAlone } from './template-safety.ts';

const shared = {
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  templates: {},
  // Rendering is synchronous on the API's event loop (previews, saves) and inside the reminder
  // sweep's transaction: a template gets a few milliseconds, not seconds.
  parseLimit: 80_000,
  renderLimit: 50,
  memoryLimit: 1_000_000,
} as const;
const plainEngine = new Liquid(shared);
export const htmlEngine = new Liquid({ ...shared, outputEscape: 'escape' });
// LiquidJS's own `raw` skips the escaping; here it escapes like any value (and checkTemplate refuses it).
htmlEngine.registerFilter('raw', (value: unknown) => value);

export type TemplateField = 'subject' | 'text' | 'html';
export type TemplateValue = string | number | boolean | null;

export interface TemplateSource {
  subject: string;
  text: string;
  /** null: the HTML is made from the text. */
  html: string | null;
}

export interface TemplateProblem {
  field: TemplateField;
  message: string;
  line?: number;
}

/** A template that cannot be saved (or, stored behind the API's back, rendered). */
export class TemplateError extends Error {
  readonly problems: TemplateProblem[];
  constructor(problems: TemplateProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.problems = problems;
  }
}

export interface CheckedTemplate {
  subject: Template[];
  text: Template[];
  html: Template[] | null;
  /** The variables printed through placeholders (kind 'link'). */
  links: readonly string[];
}

const fieldNames: Record<TemplateField, string> = { subject: 'subject', text: 'plain text', html: 'HTML' };

function lineOf(error: unknown): number | undefined {
  const match = /line:(\d+)/.exec((error as Error).message ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Parses a template and checks every variable it reads against the allowed ones, and what it does
 * with links and in its HTML (template-safety.ts).
 */
export function checkTemplate(
  source: TemplateSource,
  allowed: readonly string[],
  rules: SafetyRules = { links: [], siteUrl: null },
): CheckedTemplate {
  const problems: TemplateProblem[] = [];
  const parse = (field: TemplateField, body: string | null): Template[] | null => {
    if (body === null) return null;
    if (field !== 'html' && !body.trim()) {
      problems.push({ field, message: `Write the ${fieldNames[field]}: it cannot be empty.` });
      return null;
    }
    const engine = field === 'html' ? htmlEngine : plainEngine;
    let parsed: Template[];
    try {
      parsed = engine.parse(body);
    } catch (error) {
      const line = lineOf(error);
      const why = ((error as Error).message ?? '').replace(/, line:\d+, col:\d+$/, '');
      problems.push({
        field,
        line,
        message: `The ${fieldNames[field]} cannot be read${line ? ` at line ${line}` : ''}: ${why}. Check that every {{ is closed by }} and every {% if %} by {% endif %}.`,
      });
      return null;
    }
    let used: string[];
    try {
      used = engine.globalVariablesSync(parsed);
    } catch (error) {
      // The analysis follows {% include %} and {% render %}, which find nothing: no file is a template.
      problems.push({ field, message: `The ${fieldNames[field]} cannot be used: ${(error as Error).message}.` });
      return null;
    }
    problems.push(...sourceProblems(field, body, rules));
    const unknown = used.filter((name) => !allowed.includes(name));
    if (unknown.length) {
      const names = [...new Set(unknown)].map((name) => `{{ ${name} }}`).join(', ');
      problems.push({
        field,
        message: `The ${fieldNames[field]} uses ${names}, which this message does not have. You can use: ${allowed.join(', ')}.`,
      });
    }
    return parsed;
  };
  const subject = parse('subject', source.subject);
  const text = parse('text', source.text);
  const html = source.html === null || !source.html.trim() ? null : parse('html', source.html);
  if (problems.length) throw new TemplateError(problems);
  return { subject: subject!, text: text!, html, links: rules.links };
}

export interface RenderedParts {
  subject: string;
  text: string;
  /** The HTML body's content (not yet in the layout), or null when the template has none. */
  html: string | null;
}

/** Renders a checked template; a value it reads but was not given is a TemplateError, never a blank. */
export function renderTemplate(template: CheckedTemplate, values: Record<string, TemplateValue>): RenderedParts {
  const token = `lnk${randomBytes(8).toString('hex')}x`;
  const seen: Record<string, TemplateValue> = { ...values };
  template.links.forEach((name, i) => {
    if (name in values) seen[name] = `${token}${i}x`;
  });
  const render = (field: TemplateField, parsed: Template[]) => {
    let out: string;
    try {
      out = (field === 'html' ? htmlEngine : plainEngine).renderSync(parsed, seen);
    } catch (error) {
      throw new TemplateError([{ field, message: (error as Error).message, line: lineOf(error) }]);
    }
    return withLinks(field, out, token, template.links, values);
  };
  return {
    // A subject is one line: a newline in it would end the header.
    subject: render('subject', template.subject)
      .replace(/\s*\n\s*/g, ' ')
      .trim(),
    text: render('text', template.text),
    html: template.html ? render('html', template.html) : null,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** Puts the real links in place of the placeholders, each of which must stand alone. */
function withLinks(
  field: TemplateField,
  out: string,
  token: string,
  links: readonly string[],
  values: Record<string, TemplateValue>,
): string {
  const problems: string[] = field === 'html' ? outputHtmlProblems(out) : [];
  const placeholder = new RegExp(`${token}(\\d+)x`, 'g');
  for (const match of out.matchAll(placeholder)) {
    if (!standsAlone(field, out, match.index, match.index + match[0].length)) {
      problems.push(`{{ ${links[Number(match[1])]} }} is joined to the text around it`);
    }
  }
  // A placeholder cut by a filter (slice, truncate) is not the link: refuse rather than send a stump.
  if (out.replaceAll(placeholder, '').includes(token.slice(0, 8)))
    problems.push('a link was cut or changed by a filter');
  if (problems.length) {
    throw new TemplateError([{ field, message: `The ${fieldNames[field]} cannot be sent: ${problems.join('; ')}.` }]);
  }
  return out.replace(placeholder, (_, i: string) => {
    const value = String(values[links[Number(i)]!] ?? '');
    return field === 'html' ? escapeHtml(value) : value;
  });
}
