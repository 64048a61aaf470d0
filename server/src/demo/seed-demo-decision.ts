// A journal paper the editors have accepted, so the demo (and the reports) have a decision to show:
// reviewed by Ravi Reviewer, accepted by Eleanor Editor through the same decision code as the
// page, its letter sent at once (held letters are for real decisions, not the seed), production
// status "accepted".
import { draftLetter, recordDecision } from '../decisions/decision.service.ts';
import { type DemoSetting, daysAgo, inviteAndAnswer, sendToReview, viewerOf, writeReview } from './demo-reviewing.ts';
import { addDemoSubmission, type DemoSubmission } from './seed-demo-submissions.ts';

export const DEMO_PAPER_ACCEPTED = 'Holding the frame: reflective groups for duty teams';

const acceptedPaper: DemoSubmission = {
  author: 'author1@example.org',
  venue: 'jswp',
  title: DEMO_PAPER_ACCEPTED,
  abstract:
    'An account of monthly reflective groups for a duty and assessment team, and what the frame of the group held for practitioners under pressure.',
  keywords: ['reflective practice', 'groups', 'duty work'],
  pages: [['Holding the frame: reflective groups for duty teams', '', 'Introduction', 'The group met monthly...']],
  endsAs: 'submitted',
  submittedDaysAgo: 70,
};

export async function seedDemoDecision(setting: DemoSetting): Promise<string> {
  const { db, dataDir, publicUrl } = setting;
  const submissionId = await addDemoSubmission(db, dataDir, acceptedPaper, { publicUrl });
  await sendToReview(setting, submissionId, 'editor@example.org');
  const assignmentId = await inviteAndAnswer(setting, {
    submissionId,
    reviewer: 'reviewer1@example.org',
    editor: 'editor@example.org',
    invitedAt: daysAgo(60),
    answer: { accept: true, at: daysAgo(59) },
  });
  await writeReview(setting, assignmentId, {
    scores: [5, 4, 4, 5],
    recommendation: 'accept',
    toAuthor:
      'A clear, honest account of a group that many teams would like to have. The section on keeping the time and place of the group when the team is in crisis is the heart of the paper.',
    toEditor: 'Ready to publish with light copy-editing.',
    savedAt: daysAgo(21),
    submittedAt: daysAgo(20),
  });
  const editor = await viewerOf(db, 'editor@example.org');
  const ctx = {
    db,
    viewer: editor,
    audit: { actorId: editor.personId, ip: null, requestId: 'demo-seed' },
    now: daysAgo(14),
    publicUrl,
  };
  const letter = await draftLetter(ctx, submissionId, 'accept');
  await recordDecision(ctx, submissionId, letter, { holdMinutes: 0 });
  return submissionId;
}
