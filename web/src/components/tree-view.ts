import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api/client.ts';
import { common } from '../i18n/common.ts';
import { defineMessages, formatNumber, LocaleController, t } from '../i18n/i18n.ts';
import { base } from '../styles.ts';
import { errorMessage } from './error-message.ts';

const m = defineMessages({
  children: { 'zh-CN': '{n} 个下级', en: '{n} below' },
  loadingChildren: { 'zh-CN': '正在加载“{name}”的下级…', en: 'Loading the items under “{name}”…' },
  loadedChildren: { 'zh-CN': '“{name}”下有 {n} 项', en: '{n} items under “{name}”' },
  failedChildren: {
    'zh-CN': '无法加载“{name}”的下级，请再试一次。',
    en: 'Could not load the items under “{name}”; try again.',
  },
  keys: {
    'zh-CN': '方向键移动，右键展开，左键收起，Home/End 跳到首尾，回车选中。',
    en: 'Arrow keys move, Right expands, Left collapses, Home/End jump, Enter selects.',
  },
});

/** What the tree needs of a record: an id and how many records sit under it. */
export interface TreeRecord {
  id: number;
  childCount: number;
}

/** How one record is shown: its (localised) label, an optional code and short facts such as level or kind. */
export interface TreeLabel {
  label: string;
  code?: string;
  details?: string[];
}

/** Loads the records under `parentId`, or the top level when it is null. */
export type TreeLoader = (parentId: number | null) => Promise<TreeRecord[]>;

/** Every page of a list endpoint (limit 500 a page), for loading all the children of one tree node at once. */
export async function fetchAll<T>(
  path: string,
  query: Record<string, string | number | boolean>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const answer = await api.list<T>(path, { ...query, limit: 500, cursor });
    items.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return items;
}

/**
 * A loader over a list endpoint: at the top level the records that `top` selects (e.g. `{ root: true }`),
 * under a node its children; each level in sort order, then by id.
 */
export function treeLoader(path: string, top: Record<string, string | number | boolean>): TreeLoader {
  return async (parentId) => {
    const records = await fetchAll<TreeRecord & { sortOrder: number }>(
      path,
      parentId === null ? top : { parentId },
    );
    return records.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  };
}

interface Visible {
  record: TreeRecord;
  level: number;
  parentId: number | null;
}

/**
 * An accessible, lazily loaded tree (WAI-ARIA tree view pattern): `role="tree"`, `treeitem` and `group`,
 * `aria-expanded`, roving focus, and the keys Up/Down/Left/Right/Home/End, Enter/Space and type-ahead.
 * Children are loaded the first time a node is expanded.
 * @fires tree-select - detail: the chosen record (Enter, Space or a click)
 */
@customElement('tree-view')
export class TreeView extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      :host([hidden]) { display: none; }
      ul { list-style: none; margin: 0; padding: 0; }
      [role='tree'] { border: 1px solid var(--c-border); border-radius: var(--radius); background: var(--c-bg); padding: 0.25rem 0; }
      li[role='treeitem'] { outline: none; }
      .row { display: flex; align-items: baseline; gap: 0.5rem; cursor: pointer;
        padding: 0.35rem 0.75rem 0.35rem calc(0.5rem + var(--depth, 0) * 1.4rem); min-height: 2.25rem; }
      .row:hover { background: #f0f6ff; }
      li[role='treeitem']:focus-visible > .row { outline: 3px solid #ff9e00; outline-offset: -3px; }
      li[aria-selected='true'] > .row { background: #e8f0fe; box-shadow: inset 4px 0 0 var(--c-primary); }
      .twisty { display: inline-block; width: 1rem; flex: none; text-align: center; color: var(--c-muted); }
      .code { color: var(--c-muted); font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.85rem; }
      .label { font-weight: 500; }
      .main { flex: 1; min-width: 0; display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2rem 0.5rem; }
      .details { display: inline-flex; gap: 0.3rem; flex-wrap: wrap; }
      .count { color: var(--c-muted); font-size: 0.85rem; white-space: nowrap; }
      .note { padding: 0.25rem 0.75rem 0.25rem calc(2rem + var(--depth, 0) * 1.4rem); font-size: 0.9rem; }
    `,
  ];

  /** The tree's accessible name. */
  @property() label = '';
  @property({ attribute: false }) load: TreeLoader | null = null;
  @property({ attribute: false }) describe: (record: TreeRecord) => TreeLabel = (r) => ({
    label: String(r.id),
  });
  /** Opens the top level's only node on first load (e.g. the centre at the root of the units). */
  @property({ type: Boolean }) expandSingleRoot = false;

  @state() private roots: TreeRecord[] | null = null;
  @state() private rootError: unknown = null;
  @state() private focusedId: number | null = null;
  @state() private selectedId: number | null = null;
  @state() private announcement = '';
  private loaded = new Map<number, TreeRecord[]>();
  private expanded = new Set<number>();
  private loading = new Set<number>();
  private failed = new Set<number>();
  private typed = '';
  private typedAt = 0;
  private generation = 0;
  private readonly i18n = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('load')) void this.reload();
  }

  /** Forgets everything loaded and starts again from the top level. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loaded = new Map();
    this.expanded = new Set();
    this.loading = new Set();
    this.failed = new Set();
    this.roots = null;
    this.rootError = null;
    if (!this.load) return;
    try {
      const roots = await this.load(null);
      if (generation !== this.generation) return;
      this.roots = roots;
      const only = roots.length === 1 ? roots[0] : undefined;
      if (this.expandSingleRoot && only && only.childCount > 0) await this.expand(only);
    } catch (err) {
      if (generation === this.generation) this.rootError = err;
    }
  }

  private async expand(record: TreeRecord) {
    if (record.childCount === 0) return;
    this.expanded.add(record.id);
    this.requestUpdate();
    if (this.loaded.has(record.id) || this.loading.has(record.id) || !this.load) return;
    const name = this.describe(record).label;
    const generation = this.generation;
    this.loading.add(record.id);
    this.failed.delete(record.id);
    this.announcement = t(m.loadingChildren, { name });
    try {
      const kids = await this.load(record.id);
      if (generation !== this.generation) return;
      this.loaded.set(record.id, kids);
      this.announcement = t(m.loadedChildren, { name, n: kids.length });
    } catch {
      if (generation !== this.generation) return;
      this.failed.add(record.id);
      this.expanded.delete(record.id);
      this.announcement = t(m.failedChildren, { name });
    } finally {
      this.loading.delete(record.id);
      this.requestUpdate();
    }
  }

  private collapse(record: TreeRecord) {
    this.expanded.delete(record.id);
    this.requestUpdate();
  }

  private toggle(record: TreeRecord) {
    if (this.expanded.has(record.id)) this.collapse(record);
    else void this.expand(record);
  }

  private select(record: TreeRecord) {
    this.selectedId = record.id;
    this.dispatchEvent(
      new CustomEvent<TreeRecord>('tree-select', { detail: record, bubbles: true, composed: true }),
    );
  }

  /** The nodes a reader can see, top to bottom, as the keys walk them. */
  private visible(): Visible[] {
    const out: Visible[] = [];
    const walk = (records: TreeRecord[], level: number, parentId: number | null) => {
      for (const record of records) {
        out.push({ record, level, parentId });
        const kids = this.loaded.get(record.id);
        if (this.expanded.has(record.id) && kids) walk(kids, level + 1, record.id);
      }
    };
    walk(this.roots ?? [], 1, null);
    return out;
  }

  private async focusNode(id: number) {
    this.focusedId = id;
    await this.updateComplete;
    const item = this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"]`);
    // The item holds its whole subtree, so bring its own row (not the subtree) into view.
    item?.focus({ preventScroll: true });
    item?.querySelector(':scope > .row')?.scrollIntoView({ block: 'nearest' });
  }

  private onKey(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const nodes = this.visible();
    if (nodes.length === 0) return;
    const index = Math.max(
      0,
      nodes.findIndex((n) => n.record.id === this.focusedId),
    );
    const here = nodes[index];
    if (!here) return;
    const go = (target: Visible | undefined) => {
      if (target) void this.focusNode(target.record.id);
    };
    const { record } = here;
    switch (e.key) {
      case 'ArrowDown':
        go(nodes[index + 1]);
        break;
      case 'ArrowUp':
        go(nodes[index - 1]);
        break;
      case 'Home':
        go(nodes[0]);
        break;
      case 'End':
        go(nodes[nodes.length - 1]);
        break;
      case 'ArrowRight':
        if (record.childCount === 0) break;
        if (!this.expanded.has(record.id)) void this.expand(record);
        else go(nodes[index + 1]?.parentId === record.id ? nodes[index + 1] : undefined);
        break;
      case 'ArrowLeft':
        if (this.expanded.has(record.id)) this.collapse(record);
        else go(nodes.find((n) => n.record.id === here.parentId));
        break;
      case 'Enter':
        this.select(record);
        this.toggle(record);
        break;
      case ' ':
        this.select(record);
        break;
      case '*':
        for (const sibling of nodes.filter((n) => n.parentId === here.parentId))
          void this.expand(sibling.record);
        break;
      default:
        if (e.key.length === 1 && /\S/.test(e.key)) {
          this.typeAhead(e.key, nodes, index);
          break;
        }
        return;
    }
    e.preventDefault();
  }

  /** Moves to the next node whose label starts with the letters typed in the last half second. */
  private typeAhead(key: string, nodes: Visible[], index: number) {
    const now = Date.now();
    this.typed = now - this.typedAt < 500 ? this.typed + key : key;
    this.typedAt = now;
    const wanted = this.typed.toLocaleLowerCase();
    const ordered = [...nodes.slice(index + (this.typed.length === 1 ? 1 : 0)), ...nodes.slice(0, index + 1)];
    const hit = ordered.find((n) => {
      const { label, code } = this.describe(n.record);
      return (
        label.toLocaleLowerCase().startsWith(wanted) || (code ?? '').toLocaleLowerCase().startsWith(wanted)
      );
    });
    if (hit) void this.focusNode(hit.record.id);
  }

  private node(
    record: TreeRecord,
    level: number,
    position: number,
    size: number,
    tabbable: number | null,
  ): unknown {
    const view = this.describe(record);
    const parent = record.childCount > 0;
    const open = this.expanded.has(record.id);
    const kids = this.loaded.get(record.id);
    const busy = this.loading.has(record.id);
    return html`<li role="treeitem" data-id=${record.id} tabindex=${record.id === tabbable ? 0 : -1}
        aria-level=${level} aria-setsize=${size} aria-posinset=${position}
        aria-expanded=${parent ? String(open) : nothing} aria-selected=${String(record.id === this.selectedId)}
        aria-busy=${busy ? 'true' : nothing}
        @focus=${(e: FocusEvent) => {
          if (e.target === e.currentTarget) this.focusedId = record.id;
        }}>
      <div class="row" style="--depth:${level - 1}" @click=${(e: Event) => {
        e.stopPropagation();
        void this.focusNode(record.id);
        this.select(record);
        if (parent) this.toggle(record);
      }}>
        <span class="twisty" aria-hidden="true">${parent ? (open ? '▾' : '▸') : '·'}</span>
        <span class="main">
          ${view.code ? html`<span class="code">${view.code}</span>` : ''}
          <span class="label">${view.label}</span>
          ${view.details?.length ? html`<span class="details">${view.details.map((d) => html`<span class="chip">${d}</span>`)}</span>` : ''}
        </span>
        ${parent ? html`<span class="count">${t(m.children, { n: formatNumber(record.childCount) })}</span>` : ''}
      </div>
      ${busy ? html`<div class="note muted" style="--depth:${level - 1}" aria-hidden="true">${t(common.loading)}</div>` : ''}
      ${this.failed.has(record.id) ? html`<div class="note error" style="--depth:${level - 1}" aria-hidden="true">${t(m.failedChildren, { name: view.label })}</div>` : ''}
      ${
        open && kids?.length
          ? html`<ul role="group">${kids.map((k, i) => this.node(k, level + 1, i + 1, kids.length, tabbable))}</ul>`
          : ''
      }
    </li>`;
  }

  override render() {
    if (this.rootError) {
      return html`<p class="error" role="alert">${errorMessage(this.rootError)}</p>
        <button @click=${() => this.reload()}>${t(common.retry)}</button>`;
    }
    if (!this.roots) return html`<p class="muted" role="status">${t(common.loading)}</p>`;
    if (this.roots.length === 0) return html`<p class="muted" role="status">${t(common.noResults)}</p>`;
    const roots = this.roots;
    const shown = this.visible();
    const tabbable = shown.some((n) => n.record.id === this.focusedId)
      ? this.focusedId
      : (roots[0]?.id ?? null);
    return html`<p class="muted visually-hidden" id="keys">${t(m.keys)}</p>
      <ul role="tree" aria-label=${this.label} aria-describedby="keys" @keydown=${this.onKey}>
        ${roots.map((r, i) => this.node(r, 1, i + 1, roots.length, tabbable))}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tree-view': TreeView;
  }
}
