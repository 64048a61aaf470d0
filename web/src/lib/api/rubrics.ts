// A venue's rubrics, for its editors.

import { api } from './client.ts';
import type { components } from './generated/schema.d.ts';
import type { Answer, RequestBody } from './types.ts';

export type RubricDetail = components['schemas']['RubricDetail'];
export type RubricCriterion = components['schemas']['RubricCriterion'];
export type RubricInput = RequestBody<'/api/venues/{venueId}/rubrics', 'post'>;

const rubricsPath = (venueId: string) => `/api/venues/${encodeURIComponent(venueId)}/rubrics`;

export async function listRubrics(venueId: string, fetch?: typeof globalThis.fetch): Promise<RubricDetail[]> {
  return (await api.get<Answer<'/api/venues/{venueId}/rubrics', 'get'>>(rubricsPath(venueId), undefined, { fetch }))
    .rubrics;
}

export const createRubric = (venueId: string, body: RubricInput) => api.post<RubricDetail>(rubricsPath(venueId), body);

export const updateRubric = (venueId: string, rubricId: string, body: RubricInput) =>
  api.put<RubricDetail>(`${rubricsPath(venueId)}/${encodeURIComponent(rubricId)}`, body);
