// Account calls: registration, e-mail links, signing in and out, the profile.
import { api } from './client.ts';
import type { Answer, ProfileChanges, RequestBody } from './types.ts';

export const register = (body: RequestBody<'/api/accounts/register', 'post'>) =>
  api.post<Answer<'/api/accounts/register', 'post', 202>>('/api/accounts/register', body);

export const verifyEmail = (token: string) =>
  api.post<Answer<'/api/accounts/verify-email', 'post'>>('/api/accounts/verify-email', { token });

/** `next`: where the new link leads after confirming (a same-site path). */
export const resendVerification = (email: string, next?: string) =>
  api.post<Answer<'/api/accounts/resend-verification', 'post', 202>>('/api/accounts/resend-verification', {
    email,
    ...(next && { next }),
  });

export const signIn = (body: RequestBody<'/api/session/login', 'post'>) =>
  api.post<Answer<'/api/session/login', 'post'>>('/api/session/login', body);

export const signOut = () => api.post<void>('/api/session/logout');

export const requestPasswordReset = (email: string) =>
  api.post<Answer<'/api/accounts/password-reset', 'post', 202>>('/api/accounts/password-reset', { email });

export const confirmPasswordReset = (body: RequestBody<'/api/accounts/password-reset/confirm', 'post'>) =>
  api.post<Answer<'/api/accounts/password-reset/confirm', 'post'>>('/api/accounts/password-reset/confirm', body);

export const confirmEmailChange = (token: string) =>
  api.post<Answer<'/api/accounts/confirm-email', 'post'>>('/api/accounts/confirm-email', { token });

export const getProfile = (fetch?: typeof globalThis.fetch) =>
  api.get<Answer<'/api/me/profile', 'get'>>('/api/me/profile', undefined, { fetch });

export const updateProfile = (changes: ProfileChanges) =>
  api.patch<Answer<'/api/me/profile', 'patch'>>('/api/me/profile', changes);

export const changePassword = (body: RequestBody<'/api/me/password', 'post'>) =>
  api.post<Answer<'/api/me/password', 'post'>>('/api/me/password', body);

export const changeEmail = (body: RequestBody<'/api/me/email', 'post'>) =>
  api.post<Answer<'/api/me/email', 'post', 202>>('/api/me/email', body);
