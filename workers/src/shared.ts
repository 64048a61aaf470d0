// The workers package's public surface for the server (package.json `exports`), besides
// `@gaps/workers/contracts` (queues, jobs, the review copy's states and result: zod only).
// Everything else under workers/src is internal: the server imports only from here, and nothing
// exported here may load BullMQ or a PDF library into the server's process. The third export,
// `@gaps/workers/start-workers`, runs the workers in-process, for tests and scripts only.
export { type AuditContext, type AuditRecord, appendAuditEvent, type SystemActor, systemActor } from './audit-log.ts';
export { type BaseConfig, baseEnvSchema, ConfigError, parseEnv } from './config.ts';
export { type FileStore, LocalFileStore, type PendingBlob, type StoredBlob, sniffPdf } from './files/file-store.ts';
export { heartbeatKey, writeHeartbeat } from './heartbeat.ts';
export { enqueueJob, type OutgoingMail, queueMail } from './outbox/enqueue.ts';
// startReviewCopy and finishReviewCopy are the worker's own moves; the server calls them only in
// tests that play the worker.
export {
  canMoveReviewCopy,
  finishReviewCopy,
  IllegalReviewCopyMove,
  isReleasable,
  type ReleaseFacts,
  type ReviewCopyEvent,
  releaseRefusal,
  releaseReviewCopy,
  requestReviewCopy,
  reviewCopyTransitions,
  startReviewCopy,
} from './pdf-anonymisation/review-copy-state.ts';
