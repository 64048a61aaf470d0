// Data a page loads after it appears, so the page can say "Loading…" meanwhile and show the
// API's message (with a "Try again") if the call fails.
import { ApiError, networkError } from '../api/errors.ts';

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error(error);
  return networkError();
}

export class Resource<T> {
  value = $state<T | undefined>(undefined);
  problem = $state<ApiError | null>(null);
  loading = $state(true);
  #loader: () => Promise<T>;
  #generation = 0;

  constructor(loader: () => Promise<T>) {
    this.#loader = loader;
  }

  async load(): Promise<void> {
    // Only the latest load may write: an older, slower answer must not replace a newer one.
    const generation = ++this.#generation;
    this.loading = true;
    this.problem = null;
    try {
      const value = await this.#loader();
      if (generation === this.#generation) this.value = value;
    } catch (error) {
      if (generation === this.#generation) this.problem = asApiError(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
