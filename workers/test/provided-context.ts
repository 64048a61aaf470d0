// What the global test set-up (scripts/test-global-setup.ts) hands every test file; repeated here
// because the workers' tsconfig does not see the server's copy.
declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    redisUrl: string;
  }
}

export {};
