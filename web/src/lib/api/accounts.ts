// Account calls: registration, e-mail links, signing in and out, the profile.
import { api } from './client.ts';
import type { Message, Person, Profile, ProfileChanges } from './types.ts';

export const register = (body: { name: string; email: string; password: string }) =>
  api.post<Message>('/api/accounts/register', body);

export const verifyEmail = (token: string) => api.post<Message>('/api/accounts/verify-email', { token });

export const resendVerification = (email: string) => api.post<Message>('/api/accounts/resend-verification', { email });

export const signIn = (body: { email: string; password: string }) =>
  api.post<{ person: Person }>('/api/session/login', body);

export const signOut = () => api.post<void>('/api/session/logout');

export const requestPasswordReset = (email: string) => api.post<Message>('/api/accounts/password-reset', { email });

export const confirmPasswordReset = (body: { token: string; password: string }) =>
  api.post<Message>('/api/accounts/password-reset/confirm', body);

export const confirmEmailChange = (token: string) => api.post<Message>('/api/accounts/confirm-email', { token });

export const getProfile = () => api.get<Profile>('/api/me/profile');

export const updateProfile = (changes: ProfileChanges) => api.patch<Profile>('/api/me/profile', changes);

export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api.post<Message>('/api/me/password', body);

export const changeEmail = (body: { newEmail: string; currentPassword: string }) =>
  api.post<Message>('/api/me/email', body);

export const downloadMyData = () => api.download('/api/me/export');
