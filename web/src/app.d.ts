import type { IncomingMessage } from 'node:http';

// The shape of errors that +error.svelte shows. `requestId` lets the office find the failed
// call in the server's log when someone quotes it.
declare global {
  namespace App {
    interface Error {
      status: number;
      message: string;
      code?: string;
      requestId?: string | null;
    }
    interface Locals {
      /** Set when the root layout's server load ran, i.e. this page is rendered on the server. */
      rendered?: boolean;
    }
    interface Platform {
      /**
       * adapter-node's incoming request, to which the API server adds its in-process door to /api
       * (`RequestWithApi` in server/src/plugins/web.ts).
       */
      req?: IncomingMessage & { gapsApi?: (request: Request) => Promise<Response> };
    }
  }
}
