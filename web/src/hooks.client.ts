import type { HandleClientError } from '@sveltejs/kit/hooks';
import { pageError } from '#lib/loading/page-error.ts';

// Errors nobody expected reach +error.svelte through here (the same answer as on the server).
export const handleError: HandleClientError = ({ error, kind }) => pageError(error, kind);
