// The pages' server-side loads call the API inside this process (web.ts). Those calls are part of
// the page a person asked for, so the log writes one line for the page, not one per call. The
// mark is a secret of this process: no request from outside can hide itself from the log with it.
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const header = 'x-gaps-in-process';
const mark = randomBytes(16).toString('hex');

/** Headers for a call the pages make to the API in this process. */
export const inProcessHeaders: Readonly<Record<string, string>> = { [header]: mark };

export const isInProcess = (request: FastifyRequest) => request.headers[header] === mark;
