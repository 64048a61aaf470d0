// What the editor writes when screening a submission. Pure zod: the web form reads its limits
// through ../validation.ts.
import { z } from 'zod';

/** The message that goes to the author with a submission returned for changes. */
export const returnMessage = z.string().trim().max(5000);
/** Why the editor rejected a submission without review: e-mailed to the author and shown on their page. */
export const statusReason = z.string().trim().max(2000);
