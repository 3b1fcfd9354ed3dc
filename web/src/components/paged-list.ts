import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api, type Page } from '../api/client.ts';

type Filters = Record<string, string | number | undefined>;

/**
 * Loads a keyset-paginated list page by page ("load more"), dropping answers to filters that have since
 * changed so a slow response cannot overwrite a newer one. `P` is the whole answer, for lists that say more
 * than their items (counts per grade, the period they cover).
 */
export class PagedList<T, P extends Page<T> = Page<T>> implements ReactiveController {
  items: T[] = [];
  /** The latest page's whole answer; null until one arrives. */
  page: P | null = null;
  total = 0;
  nextCursor: string | null = null;
  loading = false;
  error: unknown = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private path: string,
    private readonly pageSize = 50,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}
  hostDisconnected(): void {
    this.controller?.abort();
  }

  private filters: Filters = {};

  /** Loads the first page; `path` reads another address from now on (a list whose address names a month). */
  async load(filters: Filters, path = this.path): Promise<void> {
    this.path = path;
    this.filters = filters;
    this.items = [];
    this.nextCursor = null;
    await this.fetch(undefined);
  }

  async more(): Promise<void> {
    if (this.nextCursor && !this.loading) await this.fetch(this.nextCursor);
  }

  reload(): Promise<void> {
    return this.load(this.filters);
  }

  private async fetch(cursor: string | undefined): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      // The first page may start from a cursor the filters carry (a list opened at a given point).
      const page = await api.get<P>(
        this.path,
        { ...this.filters, limit: this.pageSize, ...(cursor === undefined ? {} : { cursor }) },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      this.page = page;
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.total = page.total;
      this.nextCursor = page.nextCursor;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.error = err;
    } finally {
      if (this.controller === controller) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
