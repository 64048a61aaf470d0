// The journal paper under review with both reviews in: the editor sent "Endings that hold" to review
// and invited Ravi and Rosa Reviewer, who accepted through their links, scored it on the journal's
// rubric and submitted. Everything through the same use cases as a real review.
import { type DemoSetting, daysAgo, inviteAndAnswer, sendToReview, writeReview } from './demo-reviewing.ts';

export const DEMO_PAPER_IN_REVIEW = 'Endings that hold: closing long-term work with families';

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
      'A thoughtful paper on a part of practice that is rarely written about. The argument that an ending is itself a piece of work, to be planned with the family, is persuasive and will speak to practitioners.\n\nThe discussion would be stronger if it engaged with the literature on loss and transitions in care, and the second half could say more about how supervision supported the practitioners. Please also check that the families cannot be identified from the quotations in the second section.',
    toEditor:
      'A good paper for the journal. My main worry is identifiability: two of the quotations name the town and the school.',
    savedAt: daysAgo(9),
    submittedAt: daysAgo(8),
  });
  await writeReview(setting, rosa, {
    scores: [4, 3, 3, 5],
    recommendation: 'major_revision',
    toAuthor:
      'Clearly written, and the interview material is rich. At present the paper reads more as a set of accounts than an argument: I would like the author to set out what it adds to what has been written on endings in relationship-based practice, and to make the method (twelve interviews, how they were analysed) explicit, including consent.\n\nThe idea of an ending that holds is promising but brief; it could carry more of the paper.',
    toEditor:
      'I think there is a publishable paper here, but it needs a clearer contribution. I would be glad to see a revised version.',
    savedAt: daysAgo(3),
    submittedAt: daysAgo(2),
  });
}
