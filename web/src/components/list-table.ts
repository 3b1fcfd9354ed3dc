import { html, type TemplateResult } from 'lit';
import './list-footer.ts';

/**
 * Records as a table, a row each: `head` holds the header cells, `caption` names the table for screen readers.
 * The table scrolls sideways on its own when it is wider than the page.
 */
export function dataTable<T>(
  caption: string,
  head: TemplateResult,
  items: readonly T[],
  row: (item: T) => TemplateResult,
) {
  return html`<div class="table-wrap">
    <table>
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        <tr>${head}</tr>
      </thead>
      <tbody>${items.map(row)}</tbody>
    </table>
  </div>`;
}

/** What a list table shows of a paged list (a `PagedList` or a `FilteredList`). */
export interface ListState<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly loading: boolean;
  readonly error: unknown;
  readonly nextCursor: string | null;
  more(): Promise<void>;
}

/** A paged list as a `dataTable` followed by its `<list-footer>`: how much is shown, "load more" and any error. */
export function listTable<T>(
  list: ListState<T>,
  caption: string,
  head: TemplateResult,
  row: (item: T) => TemplateResult,
) {
  return html`${dataTable(caption, head, list.items, row)}
    <list-footer .shown=${list.items.length} .total=${list.total} .loading=${list.loading}
      .hasMore=${!!list.nextCursor} .error=${list.error} @more=${() => list.more()}></list-footer>`;
}
