// A co-author's confirmation link: what it names (reads only), and confirming it.
import { api } from './client.ts';
import type { Answer } from './types.ts';

export const lookUpAuthorshipLink = (token: string) =>
  api.post<Answer<'/api/authorship/look-up', 'post'>>('/api/authorship/look-up', { token });

export const confirmAuthorship = (token: string) =>
  api.post<Answer<'/api/authorship/confirm', 'post'>>('/api/authorship/confirm', { token });
