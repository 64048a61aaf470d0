// What of a revision round each viewer sees. The author (and the editor, through the author view)
// sees their response to reviewers while they write it, what is still missing, and the places in it
// that may name them; a reviewer of the new round sees the sent response and their own review of
// the round before, never who wrote either, nor anyone else's review. The schemas are the routes'
// response schemas too, so a field not listed here cannot leave the server.
import { z } from 'zod';

const instant = z.iso.datetime();

export const revisionMissingItemSchema = z
  .object({ field: z.enum(['manuscript', 'response']), message: z.string() })
  .meta({ id: 'RevisionMissingItem' });
export type RevisionMissingItem = z.infer<typeof revisionMissingItemSchema>;

/** A place in the response that may identify its author (the leak scan's findings, without a page). */
export const responseFindingSchema = z
  .object({ text: z.string(), context: z.string() })
  .meta({ id: 'ResponseFinding' });

/** The revision round on the author's page; null when the submission is not (and was never) revised. */
export const authorRevisionSchema = z
  .object({
    /** The round the revision opens (2 after the first review). */
    round: z.number().int(),
    response: z.string(),
    requestedAt: instant,
    /** Null while the author is still writing it; once sent it is the record. */
    sentAt: instant.nullable(),
    missing: z.array(revisionMissingItemSchema),
    findings: z.array(responseFindingSchema),
  })
  .meta({ id: 'AuthorRevision' });
export type AuthorRevision = z.infer<typeof authorRevisionSchema>;

/** The author's response as the new round's reviewers read it: the text and when it came. */
export const sentRevisionResponseSchema = z
  .object({ round: z.number().int(), text: z.string(), sentAt: instant })
  .meta({ id: 'SentRevisionResponse' });
export const reviewerRevisionResponseSchema = z
  .object({
    response: sentRevisionResponseSchema
      .nullable()
      .describe('null in the first round, or for a reviewer of a round no revision opened'),
  })
  .meta({ id: 'ReviewerRevisionResponse' });
export type ReviewerRevisionResponse = z.infer<typeof reviewerRevisionResponseSchema>;

/** The reviewer's own submitted review of an earlier round of the same submission. */
export const previousReviewSchema = z
  .object({
    round: z.number().int(),
    submittedAt: instant,
    recommendation: z.enum(['accept', 'minor_revision', 'major_revision', 'reject']).nullable(),
    scores: z.array(
      z.object({
        criterion: z.string(),
        score: z.number().int(),
        minScore: z.number().int(),
        maxScore: z.number().int(),
      }),
    ),
    commentsToAuthor: z.string(),
    commentsToEditor: z.string(),
  })
  .meta({ id: 'PreviousReview' });
export const earlierReviewSchema = z
  .object({
    review: previousReviewSchema.nullable().describe('null when this reviewer submitted no review of an earlier round'),
  })
  .meta({ id: 'EarlierReview' });
export type EarlierReview = z.infer<typeof earlierReviewSchema>;

/** What re-inviting the previous round's reviewers did, person by person (editor only). */
export const reinviteResultSchema = z
  .object({
    round: z.number().int(),
    invited: z.array(z.object({ personId: z.uuid(), assignmentId: z.uuid(), created: z.boolean() })),
    notInvited: z.array(z.object({ personId: z.uuid(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'ReinviteResult' });
export type ReinviteResult = z.infer<typeof reinviteResultSchema>;
