// Shapes shared by the parent (process-file.ts) and the child (child.ts). This file imports no PDF
// library, so the caller can use the types without loading pdf-lib or pdf.js into its own process.

export type FindingKind =
  | 'name'
  | 'email'
  | 'email_domain'
  | 'affiliation'
  | 'orcid'
  | 'self_reference'
  | 'acknowledgement';

export type Finding = {
  kind: FindingKind;
  /** 1-based page number in the original manuscript. */
  page: number;
  /** The text that matched, as printed (whitespace collapsed). */
  text: string;
  /** About 60 characters either side of the match, whitespace collapsed. */
  context: string;
};

export type AuthorIdentity = {
  names: string[];
  emails: string[];
  affiliations: string[];
  orcids: string[];
};

export type CoverDetails = {
  code: string;
  title: string;
  category: string | null;
  wordCount: number | null;
};

export type PdfJob = {
  code: string;
  title: string;
  category: string | null;
  identity: AuthorIdentity;
  wordLimit: number | null;
  pageLimit: number | null;
};

export type ProcessLimits = {
  /** Resident-memory ceiling of the child process in MB (default 512); its JS heap gets 3/4 of it. */
  memoryMb?: number;
  /** Wall-clock limit in ms (default 60000); the child is killed (SIGKILL) when it is reached. */
  timeoutMs?: number;
  /** Start the next job's child when this one ends (default true; the workers' PDF_SPARE_CHILD). */
  spareChild?: boolean;
};

export type RefusalReason = 'encrypted' | 'unreadable' | 'too_large' | 'timeout' | 'failed';

export type ProcessSuccess = {
  ok: true;
  reviewCopy: Uint8Array;
  /** Pages of the original manuscript (the review copy has one more: the cover). */
  pageCount: number;
  wordCount: number;
  findings: Finding[];
  overWordLimit: boolean;
  overPageLimit: boolean;
  /** Identity strings found anywhere in the review copy's bytes: do not release the copy if non-empty. */
  leaksInCopy: string[];
};

export type ProcessFailure = {
  ok: false;
  /** True when trying again cannot help (the file itself is the problem). */
  permanent: boolean;
  reason: RefusalReason;
  /** Plain words for the author; never technical detail, never another person's data. */
  message: string;
};

export type ProcessResult = ProcessSuccess | ProcessFailure;

/** What the check at upload finds: the file opens, with this many pages and words (or why not). */
export type CheckResult = { ok: true; pageCount: number; wordCount: number } | ProcessFailure;

/** A review copy with a reviewer's trace code in its footer (trace-stamp.ts). */
export type StampResult = { ok: true; stamped: Uint8Array } | ProcessFailure;
