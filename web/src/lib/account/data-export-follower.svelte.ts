// Follows a person's data exports for a page: asks for a new one, and while one is queued or being
// prepared looks again every 2 seconds (not while the tab is hidden) until it is ready or failed.

import type { DataExport, DataExportList } from '../api/data-exports.ts';
import type { ApiError } from '../api/errors.ts';
import { asApiError } from '../loading/resource.svelte.ts';
import { formatBytes } from '../submissions/words.ts';

const POLL_MS = 2_000;

export class DataExportFollower {
  exports = $state<DataExport[]>([]);
  loaded = $state(false);
  asking = $state(false);
  problem = $state<ApiError | null>(null);
  readonly #list: () => Promise<DataExportList>;
  readonly #ask: () => Promise<DataExport>;
  #looking = false;

  constructor(calls: { list: () => Promise<DataExportList>; ask: () => Promise<DataExport> }) {
    this.#list = calls.list;
    this.#ask = calls.ask;
  }

  /** The newest request: the one the page talks about. */
  get latest(): DataExport | undefined {
    return this.exports[0];
  }

  /** The newest copy is queued or being prepared: while so, a page follows it (see `follow`). */
  readonly inProgress = $derived(this.latest?.status === 'queued' || this.latest?.status === 'working');

  /** Earlier copies that can still be downloaded. */
  get earlierReady(): DataExport[] {
    return this.exports.slice(1).filter((item) => item.downloadable);
  }

  async refresh() {
    try {
      this.exports = (await this.#list()).exports;
      this.loaded = true;
    } catch (error) {
      this.problem = asApiError(error);
    }
  }

  async ask() {
    if (this.asking || this.inProgress) return;
    this.asking = true;
    this.problem = null;
    try {
      const created = await this.#ask();
      this.exports = [created, ...this.exports];
    } catch (error) {
      this.problem = asApiError(error);
    } finally {
      this.asking = false;
    }
  }

  /** Call from an $effect: returns the clean-up. One look at a time: a slow answer is not asked for twice. */
  follow(): () => void {
    const look = async () => {
      if (this.#looking || document.hidden || !this.inProgress) return;
      this.#looking = true;
      try {
        await this.refresh();
      } finally {
        this.#looking = false;
      }
    };
    const timer = setInterval(look, POLL_MS);
    document.addEventListener('visibilitychange', look);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', look);
    };
  }
}

/** "12 KB", "3.4 MB": the size a download link states. */
export function fileSize(bytes: number | null): string {
  return bytes === null ? '' : formatBytes(bytes);
}
