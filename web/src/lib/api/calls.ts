// Calls: the open invitations to submit, and (for editors) setting them up.
import { api } from './client.ts';
import type { Answer, Call, CallInput, CallUpdate } from './types.ts';

const venuePath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/calls`;

type Fetch = typeof fetch;

export async function listOpenCalls(fetch?: Fetch): Promise<Call[]> {
  return (await api.get<Answer<'/api/calls', 'get'>>('/api/calls', undefined, { fetch })).calls;
}

export const getCall = (callId: string, fetch?: Fetch) =>
  api.get<Answer<'/api/calls/{callId}', 'get'>>(`/api/calls/${encodeURIComponent(callId)}`, undefined, { fetch });

export const listVenueCalls = (venueId: string, fetch?: Fetch) =>
  api.get<Answer<'/api/venues/{venueId}/calls', 'get'>>(venuePath(venueId), undefined, { fetch });

export const createCall = (venueId: string, input: CallInput) =>
  api.post<Answer<'/api/venues/{venueId}/calls', 'post', 201>>(venuePath(venueId), input);

export const updateCall = (venueId: string, callId: string, input: CallUpdate) =>
  api.put<Answer<'/api/venues/{venueId}/calls/{callId}', 'put'>>(
    `${venuePath(venueId)}/${encodeURIComponent(callId)}`,
    input,
  );
