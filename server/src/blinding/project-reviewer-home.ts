// What a reviewer's (or judge's) home shows of each of their assignments, across venues: the
// anonymised fields of the submission (its code and title, as the reviewer view has them), the
// venue's name and kind (for its words), the call's title, and the assignment's own dates. No
// author, co-author, file name or other reviewer appears in any blind mode: the home is a list
// to act from, and the review page (through the reviewer view) is where the rest is read.
import { z } from 'zod';
import { venueKindSchema } from '../venues/venue.schemas.ts';
import { assignmentStateSchema } from './project-invitation.ts';
import { reviewerViewSchema } from './project-submission.ts';

const instant = z.iso.datetime();

export { assignmentStateSchema };

export const reviewerHomeItemSchema = z
  .object({
    assignmentId: z.uuid(),
    /** "Reviewer 2": how this reviewer appears to the authors and to the other reviewers. */
    reviewerNumber: z.number().int(),
    round: z.number().int(),
    status: assignmentStateSchema,
    venue: z.object({ name: z.string(), kind: venueKindSchema }),
    callTitle: z.string(),
    submission: reviewerViewSchema.pick({ code: true, title: true }),
    invitedAt: instant,
    /** Until when an invitation can be answered (invited only). */
    invitationExpiresAt: instant.nullable(),
    respondedAt: instant.nullable(),
    dueAt: instant.nullable(),
    /** Accepted and past its due date. */
    overdue: z.boolean(),
    /** When the reviewer last saved a draft of the review that is not yet submitted; null when there is none. */
    draftSavedAt: instant.nullable(),
    submittedAt: instant.nullable(),
    /** When it was declined, expired or was cancelled. */
    closedAt: instant.nullable(),
  })
  .meta({ id: 'ReviewerHomeItem' });
export type ReviewerHomeItem = z.infer<typeof reviewerHomeItemSchema>;

export const reviewerHomeSchema = z
  .object({
    /** Invitations to answer and reviews to write, the soonest due first. */
    waiting: z.array(reviewerHomeItemSchema),
    /** Submitted, declined, expired and cancelled, the most recent first. */
    done: z.array(reviewerHomeItemSchema),
    /** True when older finished assignments exist beyond the ones listed. */
    moreDone: z.boolean(),
  })
  .meta({ id: 'ReviewerHome' });
export type ReviewerHome = z.infer<typeof reviewerHomeSchema>;

/** The columns reviewer-home.repository.ts selects for each assignment. */
export interface ReviewerHomeRow {
  id: string;
  reviewer_number: number;
  round: number;
  status: string;
  invited_at: Date;
  invitation_expires_at: Date | null;
  responded_at: Date | null;
  due_at: Date | null;
  submitted_at: Date | null;
  expired_at: Date | null;
  cancelled_at: Date | null;
  submission_code: string | null;
  submission_title: string;
  call_title: string;
  venue_name: string;
  venue_kind: string;
  draft_saved_at: Date | null;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function toReviewerHomeItem(row: ReviewerHomeRow, now: Date): ReviewerHomeItem {
  const status = row.status as ReviewerHomeItem['status'];
  return {
    assignmentId: row.id,
    reviewerNumber: row.reviewer_number,
    round: row.round,
    status,
    venue: { name: row.venue_name, kind: row.venue_kind as ReviewerHomeItem['venue']['kind'] },
    callTitle: row.call_title,
    submission: { code: row.submission_code, title: row.submission_title },
    invitedAt: row.invited_at.toISOString(),
    invitationExpiresAt: status === 'invited' ? iso(row.invitation_expires_at) : null,
    respondedAt: iso(row.responded_at),
    dueAt: iso(row.due_at),
    overdue: status === 'accepted' && row.due_at !== null && row.due_at < now,
    draftSavedAt: status === 'accepted' ? iso(row.draft_saved_at) : null,
    submittedAt: status === 'submitted' ? iso(row.submitted_at) : null,
    closedAt:
      status === 'declined'
        ? iso(row.responded_at)
        : status === 'expired'
          ? iso(row.expired_at)
          : status === 'cancelled'
            ? iso(row.cancelled_at)
            : null,
  };
}
