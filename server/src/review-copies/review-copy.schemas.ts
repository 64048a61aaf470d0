// What the editor writes when screening a submission. Pure zod: the web form reads its limits
// through ../validation.ts.
import { z } from 'zod';

/** The message that goes to the author with a submission returned for changes. */
export const returnMessage = z.string().trim().max(5000);
/** Why the editor rejected a submission without review; kept in the record for the editors. */
export const statusReason = z.string().trim().max(2000);
