// The template engine: LiquidJS, set up so a template can only print the values it is given.
// No file access (`templates: {}` makes {% include %} and {% render %} find nothing), no
// undefined variable or filter passes silently (strict), and time and memory are capped so a
// template cannot stall the server. Plain text is printed as written; HTML escapes every value.
import { Liquid, type Template } from 'liquidjs';

const shared = {
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  templates: {},
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
} as const;
const plainEngine = new Liquid(shared);
const htmlEngine = new Liquid({ ...shared, outputEscape: 'escape' });

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
}

const fieldNames: Record<TemplateField, string> = { subject: 'subject', text: 'plain text', html: 'HTML' };

function lineOf(error: unknown): number | undefined {
  const match = /line:(\d+)/.exec((error as Error).message ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Parses a template and checks every variable it reads against the allowed ones. */
export function checkTemplate(source: TemplateSource, allowed: readonly string[]): CheckedTemplate {
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
  return { subject: subject!, text: text!, html };
}

export interface RenderedParts {
  subject: string;
  text: string;
  /** The HTML body's content (not yet in the layout), or null when the template has none. */
  html: string | null;
}

/** Renders a checked template; a value it reads but was not given is a TemplateError, never a blank. */
export function renderTemplate(template: CheckedTemplate, values: Record<string, TemplateValue>): RenderedParts {
  const render = (field: TemplateField, parsed: Template[]) => {
    try {
      return (field === 'html' ? htmlEngine : plainEngine).renderSync(parsed, values);
    } catch (error) {
      throw new TemplateError([{ field, message: (error as Error).message, line: lineOf(error) }]);
    }
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
