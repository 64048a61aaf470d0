import { z } from 'zod';

const item = z.object({
  key: z.string(),
  words: z.string().describe('What happens, in plain words'),
  count: z.number().int().nullable().describe('How many of these this person has; null where a count says nothing'),
});

export const erasureStatusSchema = z
  .object({
    requestId: z.uuid(),
    status: z.enum(['awaiting_confirmation', 'queued', 'working', 'done', 'failed', 'cancelled', 'expired']),
    onRequestOf: z.enum(['self', 'admin']),
    requestedAt: z.iso.datetime(),
    confirmBy: z.iso.datetime().nullable().describe('Until when the e-mailed link works'),
    progress: z.number().int(),
    step: z.string().nullable(),
  })
  .meta({ id: 'ErasureStatus' });

export const erasurePreviewSchema = z
  .object({
    goes: z.array(item),
    stays: z.array(item),
    request: erasureStatusSchema.nullable().describe('An erasure already asked for and not yet finished'),
  })
  .meta({ id: 'ErasurePreview' });

export const erasureAskedSchema = z.object({ message: z.string(), requestId: z.uuid() }).meta({ id: 'ErasureAsked' });

export const erasureRequestInput = z.object({ password: z.string().min(1).max(200) });
export const erasureConfirmInput = z.object({ token: z.string().min(1).max(200) });
export const adminErasureInput = z.object({
  note: z
    .string()
    .trim()
    .min(1, { message: 'say how the person asked (for example “by letter of 3 March”)' })
    .max(2000, { message: 'use at most 2000 characters' }),
});
