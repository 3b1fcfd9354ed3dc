import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api/client.ts';
import { common } from '../i18n/common.ts';
import { LocaleController, named, t } from '../i18n/i18n.ts';
import { base } from '../styles.ts';

interface Option {
  id: number;
  code?: string;
  name?: string;
  nameEn?: string;
  title?: string;
  titleEn?: string;
  email?: string;
}

let counter = 0;

/**
 * A type-ahead picker for a catalogue record (unit, post, approval item, person, standard): an ARIA
 * combobox that searches the list endpoint at `path` as the person types.
 * @fires change - detail: the chosen record's id as a string, '' when cleared
 */
@customElement('ref-select')
export class RefSelect extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; position: relative; min-width: 10rem; flex: 1 1 12rem; max-width: 20rem; }
      .field { display: flex; gap: 0.25rem; }
      input { flex: 1; min-width: 0; }
      ul { position: absolute; z-index: 20; left: 0; right: 0; top: 100%; margin: 0.2rem 0 0; padding: 0; list-style: none;
        background: #fff; border: 1px solid var(--c-border); border-radius: var(--radius); max-height: 18rem; overflow-y: auto;
        box-shadow: 0 6px 16px rgba(0, 0, 0, 0.12); }
      li { padding: 0.4rem 0.6rem; cursor: pointer; }
      li[aria-selected='true'], li:hover { background: #e8f0fe; }
      li .code { color: var(--c-muted); font-size: 0.85rem; margin-right: 0.4rem; }
      button.clear { padding: 0 0.5rem; }
    `,
  ];

  @property() label = '';
  @property() path = '';
  @property() value = '';
  @property({ attribute: false }) query: Record<string, string | number> = {};
  @property() placeholder = '';
  @state() private text = '';
  @state() private options: Option[] = [];
  @state() private open = false;
  @state() private active = -1;
  private readonly uid = `ref-${++counter}`;
  private readonly i18n = new LocaleController(this);
  private timer?: ReturnType<typeof setTimeout>;
  private labelled = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value') && this.value !== this.labelled) void this.describe();
  }

  private labelOf(o: Option): string {
    return o.title !== undefined
      ? (named({ name: o.title, nameEn: o.titleEn }) ?? '')
      : named({ name: o.name ?? '', nameEn: o.nameEn });
  }

  private async describe() {
    this.labelled = this.value;
    if (!this.value) {
      this.text = '';
      return;
    }
    try {
      const record = await api.get<Option>(`${this.path}/${this.value}`);
      this.text = this.labelOf(record);
    } catch {
      this.text = '';
    }
  }

  private search(text: string) {
    this.text = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      try {
        const page = await api.list<Option>(this.path, {
          ...this.query,
          q: text.trim() || undefined,
          limit: 20,
        });
        this.options = page.items;
        this.open = true;
        this.active = page.items.length ? 0 : -1;
      } catch {
        this.options = [];
      }
    }, 200);
  }

  private choose(option: Option | null) {
    this.open = false;
    this.value = option ? String(option.id) : '';
    this.labelled = this.value;
    this.text = option ? this.labelOf(option) : '';
    this.dispatchEvent(new CustomEvent('change', { detail: this.value }));
  }

  private key(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!this.open) this.search(this.text);
      else this.active = Math.min(this.options.length - 1, this.active + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      this.active = Math.max(0, this.active - 1);
    } else if (e.key === 'Enter' && this.open && this.options[this.active]) {
      e.preventDefault();
      this.choose(this.options[this.active] ?? null);
    } else if (e.key === 'Escape') {
      this.open = false;
    }
  }

  override render() {
    return html`<label for=${this.uid}>${this.label}</label>
      <div class="field">
        <input id=${this.uid} role="combobox" aria-expanded=${this.open} aria-controls="${this.uid}-list" aria-autocomplete="list"
          aria-activedescendant=${this.open && this.active >= 0 ? `${this.uid}-${this.active}` : ''}
          autocomplete="off" .value=${this.text} placeholder=${this.placeholder || t(common.all)}
          @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)}
          @focus=${() => !this.value && this.search(this.text)}
          @keydown=${this.key}
          @blur=${() => setTimeout(() => (this.open = false), 150)} />
        ${this.value ? html`<button class="clear" aria-label="${t(common.clear)}: ${this.label}" @click=${() => this.choose(null)}>×</button>` : ''}
      </div>
      ${
        this.open
          ? html`<ul role="listbox" id="${this.uid}-list" aria-label=${this.label}>
            ${this.options.length === 0 ? html`<li class="muted" role="option" aria-disabled="true">${t(common.noResults)}</li>` : ''}
            ${this.options.map(
              (o, i) => html`<li role="option" id="${this.uid}-${i}" aria-selected=${i === this.active}
                @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(o)}>
                ${o.code ? html`<span class="code">${o.code}</span>` : ''}${this.labelOf(o)}${o.email ? html` <span class="muted">${o.email}</span>` : ''}
              </li>`,
            )}
          </ul>`
          : ''
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ref-select': RefSelect;
  }
}
