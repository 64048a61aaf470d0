import type { RefusalReason } from './types.ts';

/** Thrown inside the child when a file is refused for a known reason (rather than a bug). */
export class PdfRefusedError extends Error {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, detail: string) {
    super(detail);
    this.name = 'PdfRefusedError';
    this.reason = reason;
  }
}

/** What the author reads. Written for someone who may never have heard of PDF internals. */
export const refusalMessages: Record<RefusalReason, string> = {
  encrypted:
    // Only a password needed to open the file is the problem: editing restrictions alone (an owner
    // password) are undone on the way in (owner-password.ts).
    'This PDF is password-protected or encrypted in a way we cannot open. Please upload a copy that opens without ' +
    'a password (in most programs: save or export it again as PDF without a password). Limits on editing or ' +
    'printing are fine.',
  unreadable:
    'We could not read this file as a PDF. It may be damaged or not really a PDF. Please export your manuscript ' +
    'to PDF again and upload the new file.',
  too_large:
    'This PDF is too complex for us to process (it needs more memory than we allow for one file). Please export it ' +
    'again, for example with smaller images, and upload the new file.',
  timeout:
    'This PDF is too complex for us to process in the time we allow for one file. Please export it again, for ' +
    'example with smaller images or fewer pages, and upload the new file.',
  failed:
    'Something went wrong while we were preparing this PDF for review. Please try uploading it again; if it keeps ' +
    'happening, export it to PDF again, or ask the editors for help (see “Contact the editors” at the foot of ' +
    'the page).',
};

/** Whether retrying the same file could succeed. Timeouts may come from a busy machine; the rest do not change. */
export const refusalIsPermanent: Record<RefusalReason, boolean> = {
  encrypted: true,
  unreadable: true,
  too_large: true,
  timeout: false,
  failed: false,
};
