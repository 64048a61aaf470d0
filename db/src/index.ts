export { createDatabase, type Database } from './client.ts';
export type * from './schema.ts';
