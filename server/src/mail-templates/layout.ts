// The HTML part's frame: one MJML layout (responsive, tested by MJML's authors in the common mail
// programs), compiled once per process into a page with two slots, not once per message: MJML
// takes about 0.6 s to load and 15 ms to compile, the slot filling microseconds.
/// <reference path="./mjml.d.ts" />
import mjml2html from 'mjml';

const TITLE = '%%MAIL_TITLE%%';
const CONTENT = '%%MAIL_CONTENT%%';

const layoutSource = `<mjml lang="en">
  <mj-head>
    <mj-title>${TITLE}</mj-title>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#1a1a1a" />
    </mj-attributes>
    <mj-style>
      .content p { margin: 0 0 1em; }
      .content a { color: #1d4f91; }
      .content pre { white-space: pre-wrap; font-family: inherit; margin: 0 0 1em; }
    </mj-style>
  </mj-head>
  <mj-body background-color="#f3f4f6" width="640px">
    <mj-section padding="16px 8px">
      <mj-column background-color="#ffffff" padding="8px 4px">
        <mj-text css-class="content">${CONTENT}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

// The compiled page cut at its slots: the title appears twice (<title> and the body's aria-label).
let compiled: Promise<string[]> | null = null;

async function compileLayout(): Promise<string[]> {
  const { html, errors } = await mjml2html(layoutSource, { validationLevel: 'strict', minify: false });
  if (errors.length) throw new Error(`mail layout: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  const pieces = html.split(new RegExp(`(${TITLE}|${CONTENT})`));
  if (!pieces.includes(CONTENT) || !pieces.includes(TITLE)) throw new Error('mail layout: a slot is missing');
  return pieces;
}

export const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The message's HTML body inside the layout; the subject (escaped here) is the page's title. */
export async function inLayout(subject: string, contentHtml: string): Promise<string> {
  compiled ??= compileLayout();
  const title = escapeHtml(subject);
  return (await compiled).map((piece) => (piece === TITLE ? title : piece === CONTENT ? contentHtml : piece)).join('');
}

const link = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/**
 * The HTML made from a plain-text message: paragraphs at blank lines, line breaks kept (lists and
 * the indented "Reference: …" lines), links clickable. Everything is escaped first.
 */
export function htmlFromText(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const escaped = escapeHtml(paragraph).replace(link, (url) => `<a href="${url}">${url}</a>`);
      return `<p>${escaped.replace(/\n/g, '<br>\n').replace(/^ +/gm, (spaces) => '&nbsp;'.repeat(spaces.length))}</p>`;
    })
    .join('\n');
}
