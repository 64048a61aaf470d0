// What the global test set-up (scripts/test-global-setup.ts) hands every test file.
declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    redisUrl: string;
  }
}

export {};
