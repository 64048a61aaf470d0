// Calls: the open invitations to submit, and (for editors) setting them up.
import { api } from './client.ts';
import type { Call, CallInput, Rubric } from './types.ts';

const venuePath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/calls`;

export async function listOpenCalls(): Promise<Call[]> {
  return (await api.get<{ calls: Call[] }>('/api/calls')).calls;
}

export const getCall = (callId: string) => api.get<Call>(`/api/calls/${encodeURIComponent(callId)}`);

export const listVenueCalls = (venueId: string) => api.get<{ calls: Call[]; rubrics: Rubric[] }>(venuePath(venueId));

export const createCall = (venueId: string, input: CallInput) => api.post<Call>(venuePath(venueId), input);

export const updateCall = (venueId: string, callId: string, input: CallInput) =>
  api.put<Call>(`${venuePath(venueId)}/${encodeURIComponent(callId)}`, input);
