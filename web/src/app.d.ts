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
  }
}

export {};
