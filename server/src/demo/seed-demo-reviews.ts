// The journal paper under review with both reviews in: the editor sent "Staying curious" to review
// and invited Ravi and Rosa Reviewer, who accepted through their links, scored it on the journal's
// rubric and submitted. Everything through the same use cases as a real review.
import { type DemoSetting, daysAgo, inviteAndAnswer, sendToReview, writeReview } from './demo-reviewing.ts';

export const DEMO_PAPER_IN_REVIEW = 'Staying curious: relationship-based practice in child protection';

/** `submissions`: the demo submissions' ids by title. */
export async function seedDemoReviews(setting: DemoSetting, submissions: Map<string, string>): Promise<void> {
  const submissionId = submissions.get(DEMO_PAPER_IN_REVIEW)!;
  await sendToReview(setting, submissionId, 'editor@example.org');
  const invite = (reviewer: string) =>
    inviteAndAnswer(setting, {
      submissionId,
      reviewer,
      editor: 'editor@example.org',
      invitedAt: daysAgo(26),
      answer: { accept: true, at: daysAgo(25) },
    });
  const ravi = await invite('reviewer1@example.org');
  const rosa = await invite('reviewer2@example.org');

  await writeReview(setting, ravi, {
    // Relevance, originality, rigour, clarity (1–5).
    scores: [5, 4, 3, 4],
    recommendation: 'minor_revision',
    toAuthor:
      'A moving and thoughtful account of staying alongside a frightened family. The argument that curiosity is a stance rather than a technique is persuasive and will speak to practitioners.\n\nThe discussion would be stronger if it engaged with the recent literature on "respectful uncertainty", and the second half could say more about how supervision supported the worker. Please also check that the family cannot be identified from the details of the second visit.',
    toEditor:
      'A good paper for the journal. My main worry is identifiability: the town and the child’s school are named in the second section.',
    savedAt: daysAgo(9),
    submittedAt: daysAgo(8),
  });
  await writeReview(setting, rosa, {
    scores: [4, 3, 3, 5],
    recommendation: 'major_revision',
    toAuthor:
      'Beautifully written, and the case material is rich. At present the paper reads more as a reflective account than an argument: I would like the author to set out what the paper adds to what Ferguson and others have written on relationship-based practice in child protection, and to make the method (one family, two years) explicit, including consent.\n\nThe use of containment in the discussion is promising but brief; it could carry more of the paper.',
    toEditor:
      'I think there is a publishable paper here, but it needs a clearer contribution. I would be glad to see a revised version.',
    savedAt: daysAgo(3),
    submittedAt: daysAgo(2),
  });
}
