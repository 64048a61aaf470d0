// A certificate for a winning or commended award entry: one A4 landscape page, calm and printable
// (black text on white, a thin frame, no images), with the entrant's name in whatever script they
// wrote it (certificate-fonts.ts says which scripts print). A pure function: facts in, PDF bytes out.
import { PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import { CertificateFonts, type Weight } from './certificate-fonts.ts';

export type CertificateOutcome = 'winner' | 'commended';

export interface CertificateFacts {
  /** The entrant's name as written on the entry (several authors are joined with "and"). */
  names: string[];
  outcome: CertificateOutcome;
  /** The award's name, e.g. "Clare Winnicott Essay Awards". */
  awardName: string;
  /** The category's name, e.g. "Student"; null for an award without categories. */
  categoryName: string | null;
  year: number;
  /** The essay's title. */
  title: string;
  /** The entry's code, printed small at the foot (it carries no name). */
  code: string;
}

/** A4 landscape, in PDF points. */
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const INK = rgb(0.13, 0.15, 0.17);
const QUIET = rgb(0.38, 0.41, 0.45);
const FRAME = rgb(0.55, 0.6, 0.62);
const TEXT_WIDTH = A4_LANDSCAPE[0] - 2 * 110;

/** The sentence that says what the entry won, e.g. "won the Student category". */
export function awardSentence(outcome: CertificateOutcome, categoryName: string | null): string {
  const category = categoryName ? `the ${categoryName} category` : null;
  if (outcome === 'winner') return category ? `won ${category}` : 'won the award';
  return category ? `was commended in ${category}` : 'was commended';
}

/** Names joined as a person would write them: "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Bidi controls and other invisible characters change how a line is laid out, not what it says. */
function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function makeCertificate(facts: CertificateFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const awardTitle = `${clean(facts.awardName)} ${facts.year}`;
  doc.setTitle(`Certificate, ${awardTitle}`);
  doc.setSubject(facts.code);
  doc.setCreator('GAPS Submissions');
  doc.setProducer('GAPS Submissions');
  const page = doc.addPage(A4_LANDSCAPE);
  const fonts = new CertificateFonts(doc);
  const [width, height] = A4_LANDSCAPE;

  page.drawRectangle({ x: 28, y: 28, width: width - 56, height: height - 56, borderColor: FRAME, borderWidth: 1.2 });
  page.drawRectangle({ x: 36, y: 36, width: width - 72, height: height - 72, borderColor: FRAME, borderWidth: 0.5 });

  const line = (text: string, y: number, size: number, weight: Weight, color = INK, minSize = size) =>
    drawCentred(page, fonts, clean(text), { y, size, minSize, weight, color });

  await line('CERTIFICATE OF AWARD', 468, 13, 'regular', QUIET);
  await line(awardTitle, 420, 28, 'bold', INK, 16);
  await line('This certifies that', 360, 15, 'regular', QUIET);
  await drawName(page, fonts, joinNames(facts.names.map(clean)));
  await line(awardSentence(facts.outcome, facts.categoryName && clean(facts.categoryName)), 232, 18, 'regular');
  await line(`of the ${awardTitle}`, 206, 18, 'regular');
  await line(`for the essay “${clean(facts.title)}”`, 158, 14, 'regular', QUIET, 10);
  await line(facts.code, 60, 9, 'regular', QUIET);
  return doc.save();
}

/**
 * The name on one line, shrunk down to 22 pt to fit; a longer one on two lines, broken at the space
 * nearest the middle (a name is never cut short while two lines at 12 pt can hold it).
 */
async function drawName(page: PDFPage, fonts: CertificateFonts, name: string) {
  const runs = await fonts.runs(name, 'bold');
  const width = runs.reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, 1), 0);
  const options = { size: 36, minSize: 22, weight: 'bold' as const, color: INK };
  const spaces = [...name.matchAll(/ /g)].map((match) => match.index);
  if (width * 22 <= TEXT_WIDTH || spaces.length === 0) return drawCentred(page, fonts, name, { ...options, y: 292 });
  const middle = spaces.reduce((best, at) =>
    Math.abs(at - name.length / 2) < Math.abs(best - name.length / 2) ? at : best,
  );
  const size = Math.min(28, Math.max(12, (TEXT_WIDTH * 0.999 * 2) / width));
  const twoLines = { ...options, size, minSize: 12 };
  await drawCentred(page, fonts, name.slice(0, middle), { ...twoLines, y: 300 + size * 0.55 });
  await drawCentred(page, fonts, name.slice(middle + 1), { ...twoLines, y: 300 - size * 0.75 });
}

/** Draws one centred line, shrinking it down to minSize to fit, then cutting it with an ellipsis. */
async function drawCentred(
  page: PDFPage,
  fonts: CertificateFonts,
  text: string,
  options: { y: number; size: number; minSize: number; weight: Weight; color: ReturnType<typeof rgb> },
) {
  let shown = text;
  let runs = await fonts.runs(shown, options.weight);
  const widthAt = (size: number) => runs.reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0);
  let size = options.size;
  if (widthAt(size) > TEXT_WIDTH) size = Math.max(options.minSize, (size * TEXT_WIDTH * 0.999) / widthAt(size));
  while (widthAt(size) > TEXT_WIDTH && shown.length > 1) {
    shown = `${[...shown].slice(0, -2).join('').trimEnd()}…`;
    runs = await fonts.runs(shown, options.weight);
  }
  let x = (A4_LANDSCAPE[0] - widthAt(size)) / 2;
  for (const run of runs) {
    page.drawText(run.text, { x, y: options.y, size, font: run.font, color: options.color });
    x += run.font.widthOfTextAtSize(run.text, size);
  }
}
