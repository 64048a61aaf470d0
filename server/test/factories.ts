// Test data made through the same services the app uses.
import { randomUUID } from 'node:crypto';
import type { Database } from '@gaps/db';
import type { CallInput } from '../src/calls/call.schemas.ts';
import { saveCall } from '../src/calls/call.service.ts';
import { simplePdf } from '../src/demo/simple-pdf.ts';
import type { TestClient } from './client.ts';

const noAudit = { actorId: null, ip: null, requestId: null };

export function callInputFor(overrides: Partial<CallInput> = {}): CallInput {
  return {
    slug: `call-${randomUUID().slice(0, 8)}`,
    title: 'Test call',
    description: '',
    categories: [],
    opensAt: '2020-01-01T00:00:00Z',
    deadlineLocal: null,
    timeZone: 'Europe/London',
    wordLimit: null,
    pageLimit: null,
    declarations: [],
    applicationFormFields: [],
    blindMode: 'double',
    singleAuthor: false,
    rubricId: null,
    feeNote: null,
    ...overrides,
  };
}

export async function makeCall(db: Database, venueId: string, overrides: Partial<CallInput> = {}) {
  return saveCall(db, noAudit, { venueId }, callInputFor(overrides));
}

export const samplePdf = () => simplePdf([['A manuscript about relationship-based practice.', 'It has two lines.']]);

/** A draft with everything filled in and a PDF uploaded, by the signed-in client. */
export async function makeCompleteDraft(client: TestClient, callId: string, patch: Record<string, unknown> = {}) {
  const started = await client.post('/api/submissions', { callId });
  if (started.statusCode !== 201) throw new Error(`start failed: ${started.body}`);
  const id: string = started.json().id;
  const saved = await client.patch(`/api/submissions/${id}`, {
    title: 'Holding on: a practitioner’s account',
    abstract: 'How a social worker stayed curious with a frightened family over two years.',
    keywords: ['child protection'],
    ...patch,
  });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  const uploaded = await client.upload(`/api/submissions/${id}/manuscript`, 'my essay.pdf', samplePdf());
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
  return id;
}
