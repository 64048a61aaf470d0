// One answer as everything its reader gets: the status line, every header, and the body, with a
// PDF opened up (pdf-text.ts), JSON's escaped characters decoded and percent-encoding undone (a
// Content-Disposition `filename*=UTF-8''%C3%85ngstr%C3%B6m…` is a name too).
import { findNeedles, type Needle } from './fold-text.ts';
import { isPdf, pdfReadings } from './pdf-text.ts';

export interface Answer {
  method: string;
  url: string;
  statusCode: number;
  statusMessage?: string;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function jsonStrings(text: string): string[] {
  try {
    const strings: string[] = [];
    const visit = (value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) {
          strings.push(key);
          visit(child);
        }
    };
    visit(JSON.parse(text));
    return strings;
  } catch {
    return [];
  }
}

/** All the text of an answer, as a reader (or a reader's tools) could see it. */
export function answerText(answer: Answer): string {
  const statusLine = `HTTP ${answer.statusCode} ${answer.statusMessage ?? ''}`;
  const headers = Object.entries(answer.headers).map(([name, value]) => `${name}: ${[value].flat().join(', ')}`);
  const raw = answer.body.toString('utf8');
  const body = isPdf(answer.body) ? pdfReadings(answer.body) : [raw, ...jsonStrings(raw)].join('\n');
  const text = [statusLine, ...headers, body].join('\n');
  return `${text}\n${percentDecoded(text)}`;
}

export function leaksInAnswer(answer: Answer, needles: readonly Needle[]): string[] {
  return findNeedles(answerText(answer), needles);
}
