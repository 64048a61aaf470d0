// A list the API hands out a page at a time: the first page for the current filter, then
// "Load more" appends the next one after `nextCursor`.
import type { ApiError } from '../api/errors.ts';
import type { Page } from '../api/types.ts';
import { asApiError } from './resource.svelte.ts';

export class PagedList<T> {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  /** The first page is loading (the list is replaced). */
  loading = $state(true);
  /** A further page is loading (the list grows). */
  loadingMore = $state(false);
  problem = $state<ApiError | null>(null);
  #fetchPage: (cursor: string | null) => Promise<Page<T>>;
  #generation = 0;

  constructor(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
    this.#fetchPage = fetchPage;
  }

  /** A list whose first page a load function already fetched; "Load more" goes on from it. */
  static loaded<T>(first: Page<T>, fetchPage: (cursor: string | null) => Promise<Page<T>>): PagedList<T> {
    const list = new PagedList(fetchPage);
    list.items = first.items;
    list.nextCursor = first.nextCursor;
    list.loading = false;
    return list;
  }

  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.loadingMore = false;
    this.problem = null;
    try {
      const page = await this.#fetchPage(null);
      if (generation !== this.#generation) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.items = [];
      this.nextCursor = null;
      this.problem = asApiError(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore || this.loading) return;
    const generation = this.#generation;
    this.loadingMore = true;
    this.problem = null;
    try {
      const page = await this.#fetchPage(this.nextCursor);
      if (generation !== this.#generation) return;
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation === this.#generation) this.problem = asApiError(error);
    } finally {
      this.loadingMore = false;
    }
  }

  /** Takes one item out, e.g. after it was deleted; the count under the list follows. */
  remove(matches: (item: T) => boolean) {
    this.items = this.items.filter((item) => !matches(item));
  }

  /** Replaces one item in place, e.g. after its roles were saved. */
  replace(matches: (item: T) => boolean, updated: T) {
    this.items = this.items.map((item) => (matches(item) ? updated : item));
  }
}
