import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Page } from '../api/client.ts';
import { setQuery } from '../router.ts';
import { PagedList } from './paged-list.ts';

/** The filters of a list page by key; a filter that is not set is absent (or undefined). */
export type Filters<K extends string> = Partial<Record<K, string>>;

export interface FilteredListOptions<K extends string> {
  /** How many records a page of the list holds. */
  pageSize?: number;
  /** Runs alongside every load of the list with the same filters (e.g. to count records per chip). */
  onRefresh?: (filters: Filters<K>) => Promise<unknown>;
  /** Whether the filters call for a list at all; when not, the address bar is still kept up to date. */
  loadWhen?: (filters: Filters<K>) => boolean;
  /**
   * The API query for the filters, when it is not the filters themselves (a date becomes a time range, a
   * starting point becomes a `cursor`); the address bar keeps the filters as they are.
   */
  toQuery?: (filters: Filters<K>) => Record<string, string | undefined>;
  /** The list's address for the filters, when a filter is part of it (`/digests/2026-10/receipts`). */
  pathFor?: (filters: Filters<K>) => string;
}

/**
 * The filters of a list page and the paged list they select. The filters are read from the address bar when
 * the page opens and written back to it on every change, so a filtered view can be bookmarked and shared;
 * a change can be delayed (typing) so that only the last of several quick changes loads the list.
 */
export class FilteredList<T, K extends string, P extends Page<T> = Page<T>> implements ReactiveController {
  filters: Filters<K> = {};
  private readonly list: PagedList<T, P>;
  private debounce?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    path: string,
    private readonly keys: readonly K[],
    private readonly options: FilteredListOptions<K> = {},
  ) {
    this.list = new PagedList<T, P>(host, path, options.pageSize);
    host.addController(this);
  }

  hostConnected(): void {
    const query = new URLSearchParams(location.search);
    this.filters = Object.fromEntries(
      this.keys.flatMap((k) => (query.get(k) ? [[k, query.get(k) as string]] : [])),
    ) as Filters<K>;
    this.host.requestUpdate();
    void this.refresh();
  }

  hostDisconnected(): void {
    clearTimeout(this.debounce);
  }

  /** The latest page's whole answer (for lists that say more than their items); null until one arrives. */
  get page(): P | null {
    return this.list.page;
  }
  get items(): T[] {
    return this.list.items;
  }
  get total(): number {
    return this.list.total;
  }
  get loading(): boolean {
    return this.list.loading;
  }
  get error(): unknown {
    return this.list.error;
  }
  get nextCursor(): string | null {
    return this.list.nextCursor;
  }

  /** Loads the next page. */
  more(): Promise<void> {
    return this.list.more();
  }

  /** Loads the list again with the same filters (e.g. after a record was saved). */
  reload(): Promise<void> {
    return this.list.reload();
  }

  /** Puts the filters in the address bar and loads the first page (and whatever `onRefresh` loads). */
  async refresh(): Promise<void> {
    const filters = this.filters;
    setQuery(filters);
    const query = this.options.toQuery?.(filters) ?? filters;
    const load =
      (this.options.loadWhen?.(filters) ?? true)
        ? this.list.load(query, this.options.pathFor?.(filters))
        : undefined;
    await Promise.all([this.options.onRefresh?.(filters), load]);
  }

  /** Sets one filter ('' or undefined removes it) and refreshes after `delay` ms, unless changed again by then. */
  set(key: K, value: string | undefined, delay = 0): void {
    this.filters = { ...this.filters, [key]: value || undefined };
    this.host.requestUpdate();
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), delay);
  }

  /** Removes every filter and refreshes at once. */
  clear(): void {
    this.filters = {};
    this.host.requestUpdate();
    clearTimeout(this.debounce);
    void this.refresh();
  }
}
