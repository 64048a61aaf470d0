// What the invitation link's page shows, to whoever holds the link: the reviewer's anonymised view
// of the work (no author, co-author, affiliation or other reviewer), the venue and the due date.
// The schema is the route's response schema, so nothing else can leave even if a query brings it.
import { z } from 'zod';
import { assignmentStates } from '../assignments/assignment-state.ts';
import { venueKindSchema } from '../venues/venue.schemas.ts';
import { reviewerViewSchema } from './project-submission.ts';

const instant = z.iso.datetime();

export const assignmentStateSchema = z.enum(assignmentStates).meta({ id: 'AssignmentState' });

export const invitationViewSchema = reviewerViewSchema
  .pick({ title: true, abstract: true, keywords: true })
  .extend({
    assignmentId: z.uuid(),
    /** An unanswered invitation past its answer time shows as expired. */
    state: assignmentStateSchema,
    code: z.string(),
    venueName: z.string(),
    venueKind: venueKindSchema,
    venueContactEmail: z.string().nullable(),
    callTitle: z.string(),
    /** "reviewer" or "judge". */
    reviewerWord: z.string(),
    dueAt: instant.nullable(),
    /** Answer by then; afterwards the invitation expires. */
    respondBy: instant.nullable(),
    /** The invited person's time zone: dates on the page are shown in it, named. */
    timeZone: z.string(),
    /** False for a person invited without an account: the page offers to keep using the link. */
    hasPassword: z.boolean(),
    /** Whether the person signed in (if any) is the one invited. */
    viewer: z.enum(['signed_out', 'this_reviewer', 'someone_else']),
  })
  .meta({ id: 'InvitationView' });
export type InvitationView = z.infer<typeof invitationViewSchema>;

export const invitationAcceptedSchema = z
  .object({
    assignmentId: z.uuid(),
    dueAt: instant.nullable(),
    timeZone: z.string(),
    hasPassword: z.boolean(),
    message: z.string(),
  })
  .meta({ id: 'InvitationAccepted' });
