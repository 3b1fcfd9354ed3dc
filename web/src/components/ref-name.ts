import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api/client.ts';
import { formatDate, LocaleController, named } from '../i18n/i18n.ts';

/** The kinds of record an audit event's fields point to by id. */
export type RefKind = (typeof KINDS)[number];

const KINDS = [
  'person',
  'post',
  'unit',
  'approval_item',
  'risk_point',
  'responsibility_point',
  'standard',
  'form',
  'inspection',
] as const;

export function isRefKind(kind: string): kind is RefKind {
  return (KINDS as readonly string[]).includes(kind);
}

interface Described {
  name?: string;
  nameEn?: string;
  title?: string;
  titleEn?: string;
  code?: string;
  number?: string;
  checkedOn?: string;
  riskPoint?: { code: string } | null;
}

const API_PATHS: Record<RefKind, string> = {
  person: '/people',
  post: '/posts',
  unit: '/units',
  approval_item: '/approval-items',
  risk_point: '/risk-points',
  responsibility_point: '/responsibility-points',
  standard: '/standards',
  form: '/forms',
  inspection: '/inspections',
};

/** The app's page of a record, where it has one. */
export function recordPage(kind: string, id: number | string): string | null {
  switch (kind) {
    case 'form':
      return `/forms/${id}`;
    case 'risk_point':
      return `/risk-points/${id}`;
    case 'inspection':
      return `/inspections/${id}`;
    case 'post':
      return `/posts/${id}`;
    case 'approval_item':
      return `/approval-items/${id}`;
    case 'settings':
      return '/settings';
    case 'outbox':
      return `/mail/messages/${id}`;
    default:
      return null;
  }
}

// One request per record for the whole session of the page, however many sentences name it.
const cache = new Map<string, Promise<Described | null>>();

function describe(kind: RefKind, id: number): Promise<Described | null> {
  const key = `${kind}:${id}`;
  let found = cache.get(key);
  if (!found) {
    found = api.get<Described>(`${API_PATHS[kind]}/${id}`).catch(() => null);
    cache.set(key, found);
  }
  return found;
}

function labelOf(kind: RefKind, r: Described): string {
  if (kind === 'form' && r.number) return r.number;
  // A check by what it checked and when: "FX-0012 2026/11/30".
  if (kind === 'inspection') return [r.riskPoint?.code, formatDate(r.checkedOn)].filter(Boolean).join(' ');
  if ((kind === 'risk_point' || kind === 'responsibility_point') && r.code) return r.code;
  if (r.title !== undefined)
    return [r.code, named({ name: r.title, nameEn: r.titleEn })].filter(Boolean).join(' ');
  return named({ name: r.name ?? '', nameEn: r.nameEn }) || `#${r.code ?? ''}`;
}

/**
 * A record named by its kind and id, as a change sentence mentions it ("the post changed from … to …"):
 * `#id` until its name is loaded (or when the reader may not see it), a link when the record has a page.
 */
@customElement('ref-name')
export class RefName extends LitElement {
  static override styles = css`
    :host { display: inline; }
    a { color: var(--c-primary, #0b57d0); }
  `;

  @property() kind: RefKind = 'person';
  @property({ type: Number, attribute: 'ref-id' }) refId = 0;
  @state() private record: Described | null = null;
  private readonly i18n = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind') || changed.has('refId')) {
      this.record = null;
      const { kind, refId } = this;
      void describe(kind, refId).then((r) => {
        if (this.kind === kind && this.refId === refId) this.record = r;
      });
    }
  }

  override render() {
    const text = this.record ? labelOf(this.kind, this.record) : `#${this.refId}`;
    const page = recordPage(this.kind, this.refId);
    return page ? html`<a href=${page}>${text}</a>` : html`${text}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ref-name': RefName;
  }
}
