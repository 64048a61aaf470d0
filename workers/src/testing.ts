// Test support for the other packages' tests (package.json export `@gaps/workers/testing`): the
// fixture PDFs kept in the repository, the workers' test configuration and log capture, an SMTP
// server that keeps what it receives, and the worker's own review-copy moves, for server tests
// that play the worker. Never imported by code that runs in production.
export { memoryLogger, testConfig } from '../test/helpers.ts';
export { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../test/smtp.ts';
export { fixturePdf } from './pdf-anonymisation/pdf/testing/corpus.ts';
export { finishReviewCopy, startReviewCopy } from './pdf-anonymisation/review-copy-state.ts';
