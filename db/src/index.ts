export { isNobodyWaiting, NobodyWaiting, whileSomeoneWaits } from './cancellation.ts';
export {
  connectionPool,
  createDatabase,
  type Database,
  type DatabaseOptions,
  isDatabaseBusy,
} from './client.ts';
export type * from './schema.ts';
