import type { Database } from '@gaps/db';
import type { LocalFileStore } from '@gaps/workers/shared';

/** What every data-protection job needs; tests build one with their own clock and data folder. */
export interface DataProtectionDeps {
  db: Database;
  store: LocalFileStore;
  /** DATA_DIR: exports are written under `exports/` there, never under a public path. */
  dataDir: string;
  /** The site's address, for links in e-mails. */
  publicUrl: string;
  clock: () => Date;
}
