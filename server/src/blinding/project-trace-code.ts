// What a trace code found in a leaked copy's footer tells the editor: which assignment it was
// downloaded for, who the reviewer is, and which submission. Editors only (venue.manage, and
// not on a submission they are an author of): this is the one view that ties a reviewer to a copy.
import { z } from 'zod';
import { assignmentStateSchema } from './project-reviewer-home.ts';

export const traceCodeViewSchema = z
  .object({
    traceCode: z.string(),
    assignment: z.object({
      id: z.uuid(),
      reviewerNumber: z.number().int(),
      round: z.number().int(),
      status: assignmentStateSchema,
      /** When the code was first printed on a download. */
      issuedAt: z.iso.datetime().nullable(),
    }),
    reviewer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    submission: z.object({ id: z.uuid(), code: z.string().nullable(), title: z.string() }),
  })
  .meta({ id: 'TraceCodeLookup' });
export type TraceCodeView = z.infer<typeof traceCodeViewSchema>;

export interface TraceCodeRow {
  trace_code: string;
  assignment_id: string;
  reviewer_number: number;
  round: number;
  status: string;
  issued_at: Date | null;
  reviewer_id: string;
  reviewer_name: string;
  reviewer_email: string;
  submission_id: string;
  submission_code: string | null;
  submission_title: string;
}

export function toTraceCodeView(row: TraceCodeRow): TraceCodeView {
  return {
    traceCode: row.trace_code,
    assignment: {
      id: row.assignment_id,
      reviewerNumber: row.reviewer_number,
      round: row.round,
      status: row.status as TraceCodeView['assignment']['status'],
      issuedAt: row.issued_at?.toISOString() ?? null,
    },
    reviewer: { id: row.reviewer_id, name: row.reviewer_name, email: row.reviewer_email },
    submission: { id: row.submission_id, code: row.submission_code, title: row.submission_title },
  };
}
