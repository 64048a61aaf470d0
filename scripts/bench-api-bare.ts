// The baseline for `npm run bench:api`: a bare Fastify + pg server running the same queue, My
// submissions, reviewer's home and review page queries as the API (the same functions), with no
// session, hooks, response schema or logging. The API's throughput is compared with this one's.
import process from 'node:process';
import { createDatabase } from '@gaps/db';
import Fastify from 'fastify';
import { loadAssignmentFacts } from '../server/src/assignments/assignment-access.ts';
import { loadReviewerHome } from '../server/src/reviewer-home/reviewer-home.repository.ts';
import { loadReviewPage } from '../server/src/reviews/review.service.ts';
import { listEditorQueue, queueQuery } from '../server/src/submissions/editor-queue.ts';
import { listMySubmissions, mySubmissionsQuery } from '../server/src/submissions/my-submissions.ts';

/** The bench reads My submissions as a plain author. */
const asViewer = (personId: string) => ({ personId, email: '', name: '', isAdmin: false, editorOfVenueIds: [] });

const { DATABASE_URL, PORT, VENUE_ID, EDITOR_ID, PERSON_ID, REVIEWER_ID } = process.env;
if (!DATABASE_URL || !PORT || !VENUE_ID || !EDITOR_ID || !PERSON_ID || !REVIEWER_ID) {
  throw new Error('bench-api-bare needs DATABASE_URL, PORT, VENUE_ID, EDITOR_ID, PERSON_ID and REVIEWER_ID');
}
const db = createDatabase(DATABASE_URL, { max: 10 });
const app = Fastify();
app.get('/queue', async (request) => listEditorQueue(db, VENUE_ID, EDITOR_ID, queueQuery.parse(request.query)));
app.get('/mine', async (request) =>
  listMySubmissions(db, asViewer(PERSON_ID), mySubmissionsQuery.parse(request.query)),
);
app.get('/home', async () => loadReviewerHome(db, REVIEWER_ID));
// The app's review page reads the assignment's facts first (requireReviewer), then the page.
app.get<{ Params: { assignmentId: string } }>('/review/:assignmentId', async (request, reply) => {
  const facts = await loadAssignmentFacts(db, request.params.assignmentId);
  return facts ? loadReviewPage(db, facts) : reply.code(404).send();
});
process.once('SIGTERM', async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
