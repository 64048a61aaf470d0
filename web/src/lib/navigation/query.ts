// List pages keep their search and filters in the address, so a filtered view can be
// bookmarked or shared and the browser's Back button returns to the previous filter.
import { goto } from '$app/navigation';

/** Takes a URL or `page.url`, whose search parameters are read-only. */
export function readQuery<K extends string>(
  url: { searchParams: Pick<URLSearchParams, 'get'> },
  keys: readonly K[],
): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const key of keys) values[key] = url.searchParams.get(key) ?? '';
  return values;
}

export function applyQuery(values: Record<string, string>): Promise<void> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value.trim()) params.set(key, value.trim());
  }
  const search = params.toString();
  return goto(search ? `?${search}` : '?', { reset: false });
}
