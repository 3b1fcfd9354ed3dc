import { type CSSResultGroup, css, html, LitElement, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { common } from '../i18n/common.ts';
import { defineMessages, type Message, t } from '../i18n/i18n.ts';
import { base } from '../styles.ts';
import { FilteredList } from './filtered-list.ts';
import { listTable } from './list-table.ts';
import type { TreeLabel, TreeLoader, TreeRecord } from './tree-view.ts';
import './tree-view.ts';

const m = defineMessages({
  show: { 'zh-CN': '查看 {name}', en: 'Show {name}' },
});

/** The words of one tree page. */
export interface TreeSearchText {
  heading: Message;
  intro: Message;
  /** The search box's label and placeholder. */
  search: Message;
  searchHint: Message;
  /** The names of the tree and of the table of matches. */
  tree: Message;
  results: Message;
  /** The details panel's name and what it says while nothing is chosen. */
  selected: Message;
  pickOne: Message;
}

/**
 * The shape shared by the catalogue's tree pages (units, standards): a search box; below it a lazily loaded
 * `<tree-view>`, or while there is text to search, a paged table of the matches; beside them the details of
 * the record chosen in either. The search is kept in the address bar (`?q=`).
 *
 * Not an element itself: each page registers its own, adds its `LocaleController`, and supplies its words,
 * the tree's loader and labels, the table's columns and rows, and the details.
 */
export abstract class TreeSearchPage<T extends TreeRecord> extends LitElement {
  static override styles: CSSResultGroup = [
    base,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1rem; align-items: start; }
      aside.card { position: sticky; top: 0.5rem; }
      aside > :first-child { margin-top: 0; }
      .search { max-width: 28rem; }
      td button.link { padding: 0; text-align: left; }
      @media (max-width: 900px) {
        .layout { grid-template-columns: 1fr; }
        aside.card { position: static; }
      }
    `,
  ];

  /** The search as typed; the matches show instead of the tree while it holds more than blanks. */
  @state() protected q = '';
  @state() protected selected: T | null = null;
  protected readonly list: FilteredList<T, 'q'>;
  protected abstract readonly text: TreeSearchText;
  protected abstract readonly load: TreeLoader;
  protected abstract readonly describe: (record: TreeRecord) => TreeLabel;
  /** Opens the top level's only node on first load. */
  protected readonly expandSingleRoot: boolean = false;

  /** `path`: the list endpoint searched with `?q=`. */
  constructor(path: string) {
    super();
    this.list = new FilteredList<T, 'q'>(this, path, ['q'], { pageSize: 100, loadWhen: (f) => !!f.q });
  }

  /** The table's header cells and one record's row (use `show` for the cell that chooses it). */
  protected abstract head(): TemplateResult;
  protected abstract row(record: T): TemplateResult;
  /** The chosen record's heading and the details under it. */
  protected abstract detailsTitle(record: T): string | TemplateResult;
  protected abstract details(record: T): TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    this.q = this.list.filters.q ?? '';
  }

  private search(value: string) {
    this.q = value;
    this.list.set('q', value.trim(), 300);
  }

  /** A link-styled button, labelled `name`, that shows the record's details. */
  protected show(record: T, name: string) {
    return html`<button class="link" aria-label=${t(m.show, { name })} aria-pressed=${this.selected?.id === record.id}
      @click=${() => (this.selected = record)}>${name}</button>`;
  }

  private aside() {
    const s = this.selected;
    if (!s)
      return html`<aside class="card" aria-label=${t(this.text.selected)}><p class="muted">${t(this.text.pickOne)}</p></aside>`;
    return html`<aside class="card" aria-labelledby="selected-title" aria-live="polite">
      <h2 id="selected-title">${this.detailsTitle(s)}</h2>
      ${this.details(s)}
    </aside>`;
  }

  override render() {
    const text = this.text;
    const searching = this.q.trim() !== '';
    return html`
      <h1>${t(text.heading)}</h1>
      <p class="muted">${t(text.intro)}</p>
      <div class="filters" role="search">
        <label class="search">${t(text.search)}
          <input type="search" .value=${this.q} placeholder=${t(text.searchHint)}
            @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
        </label>
        ${searching ? html`<button @click=${() => this.search('')}>${t(common.clear)}</button>` : ''}
      </div>
      <div class="layout">
        <section aria-label=${searching ? t(text.results) : t(text.tree)}>
          ${searching ? listTable(this.list, t(text.results), this.head(), (r) => this.row(r)) : ''}
          <tree-view ?hidden=${searching} label=${t(text.tree)} ?expandSingleRoot=${this.expandSingleRoot}
            .load=${this.load} .describe=${this.describe}
            @tree-select=${(e: CustomEvent<TreeRecord>) => (this.selected = e.detail as T)}></tree-view>
        </section>
        ${this.aside()}
      </div>
    `;
  }
}
