// The workers package's public surface for the server (package.json `exports`), besides
// `@gaps/workers/contracts` (queues, jobs, the review copy's states and result: zod only).
// Everything else under workers/src is internal: the server imports only from here, and nothing
// exported here may load BullMQ or a PDF library into the server's process. The other exports are
// not for the server's own code: `@gaps/workers/start-workers` runs the workers in-process (tests,
// scripts), `@gaps/workers/pdf` runs one PDF job in its child process (the pdf and bench:pdf
// commands, and the server's check of each upload, which loads no PDF library itself), and `@gaps/workers/testing` holds test support.
export { type AuditContext, type AuditRecord, appendAuditEvent, type SystemActor, systemActor } from './audit-log.ts';
export { type BaseConfig, baseEnvSchema, ConfigError, parseEnv } from './config.ts';
export { type FileStore, LocalFileStore, type PendingBlob, type StoredBlob, sniffPdf } from './files/file-store.ts';
export { heartbeatKey, writeHeartbeat } from './heartbeat.ts';
export { developmentConsole, maskingHooks } from './logger.ts';
export { enqueueJob, type OutgoingMail, queueMail } from './outbox/enqueue.ts';
export { loadIdentity } from './pdf-anonymisation/author-identity.ts';
// The leak scan is plain text matching (no PDF library): the server runs it on the response to reviewers.
export { scanForLeaks } from './pdf-anonymisation/pdf/leak-scan.ts';
export {
  canMoveReviewCopy,
  IllegalReviewCopyMove,
  isReleasable,
  parseReviewCopyState,
  type ReleaseFacts,
  type ReviewCopyEvent,
  releaseRefusal,
  releaseReviewCopy,
  requestReviewCopy,
  reviewCopyTransitions,
} from './pdf-anonymisation/review-copy-state.ts';
