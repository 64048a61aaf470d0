// Where a preview's HTML waits for the editor's page to show it. The page cannot put the HTML in an
// iframe's srcdoc: such a frame inherits the page's strict CSP, which refuses the inline styles every
// HTML e-mail uses. So the preview answer names a URL the frame loads instead, answered with a CSP
// of its own (styles yes, scripts and requests no). Kept in this process for 10 minutes, for the
// person who asked only; the API runs as one process per site (main.ts), so that is where it is read.
import { randomUUID } from 'node:crypto';

const KEEP_MS = 10 * 60_000;
const MOST = 500;

const previews = new Map<string, { personId: string; html: string; until: number }>();

export function keepPreview(personId: string, html: string, now = Date.now()): string {
  for (const [id, kept] of previews) if (kept.until < now) previews.delete(id);
  // The oldest go first when many editors type at once: a lost preview is asked for again.
  while (previews.size >= MOST) previews.delete(previews.keys().next().value!);
  const id = randomUUID();
  previews.set(id, { personId, html, until: now + KEEP_MS });
  return id;
}

export function keptPreview(personId: string, id: string, now = Date.now()): string | null {
  const kept = previews.get(id);
  return kept && kept.personId === personId && kept.until >= now ? kept.html : null;
}

/** The frame's own CSP: the e-mail's styles and images, nothing that runs or calls out. */
export const PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'; sandbox";
