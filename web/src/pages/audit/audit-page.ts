import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type AuditEventView, auditApi, type ExportFormat, type VerifyResult } from '../../api/audit.ts';
import {
  actionLabel,
  actionWords,
  actorName,
  entityTypeLabels,
  eventChanges,
  renderChanges,
} from '../../components/change-words.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { FilteredList, type Filters } from '../../components/filtered-list.ts';
import { enumFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import { isRefKind, recordPage } from '../../components/ref-name.ts';
import '../../components/ref-select.ts';
import { common, nav } from '../../i18n/common.ts';
import {
  defineMessages,
  formatDateTime,
  formatMonth,
  formatNumber,
  LocaleController,
  type Message,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';

const m = defineMessages({
  intro: {
    'zh-CN':
      '每一项变更都在同一事务中留下一条不可修改的审计事件。事件按序号首尾相接，串成一条哈希链：任何改动、删除或插入都会在校验时被发现。',
    en: 'Every change leaves an audit event, written in the same transaction and never changed afterwards. The events are linked in order into a hash chain, so any alteration, removal or insertion shows up when the chain is verified.',
  },
  scopeNote: {
    'zh-CN': '您看到的是所辖单位的事件。',
    en: 'You see the events of the units you supervise.',
  },
  entityType: { 'zh-CN': '对象类型', en: 'Kind of record' },
  entityId: { 'zh-CN': '对象编号（ID）', en: 'Record id' },
  entityIdHint: { 'zh-CN': '如 2385', en: 'e.g. 2385' },
  actor: { 'zh-CN': '操作人', en: 'Done by' },
  action: { 'zh-CN': '操作', en: 'Action' },
  actionHint: { 'zh-CN': '如 form.* 或 form.filed', en: 'e.g. form.* or form.filed' },
  allOf: { 'zh-CN': '{type}：全部操作', en: '{type}: every action' },
  from: { 'zh-CN': '起始日期', en: 'From' },
  to: { 'zh-CN': '截止日期', en: 'To' },
  seq: { 'zh-CN': '序号', en: 'Seq' },
  at: { 'zh-CN': '时间', en: 'When' },
  entity: { 'zh-CN': '对象', en: 'Record' },
  open: { 'zh-CN': '查看', en: 'Open' },
  notSignedIn: { 'zh-CN': '（未登录）', en: '(not signed in)' },
  change: { 'zh-CN': '变更内容', en: 'What changed' },
  hash: { 'zh-CN': '哈希', en: 'Hash' },
  seqAndHash: { 'zh-CN': '序号 / 哈希', en: 'Seq / hash' },
  events: { 'zh-CN': '审计事件', en: 'Audit events' },
  onlyThis: { 'zh-CN': '只看此对象', en: 'Only this record' },
  onlyThisLabel: {
    'zh-CN': '只看{type} #{id} 的事件',
    en: 'Show only the events of {type} #{id}',
  },
  export: { 'zh-CN': '导出当前筛选结果：', en: 'Export what these filters select:' },
  exportXlsx: { 'zh-CN': 'XLSX（Excel 工作簿）', en: 'XLSX (Excel workbook)' },
  exportCsv: { 'zh-CN': 'CSV（表格）', en: 'CSV (spreadsheet)' },
  exportJsonl: { 'zh-CN': 'JSON Lines', en: 'JSON Lines' },
  exportNote: {
    'zh-CN': '导出按时间先后排列，含每条事件的完整变更前后内容和哈希。',
    en: 'Exports run oldest first, with each event’s full before and after and its hashes.',
  },
  around: {
    'zh-CN': '正在显示第 {seq} 条事件前后的记录（第 {seq} 条已突出显示）。',
    en: 'Showing the events around event {seq} (highlighted).',
  },
  showAll: { 'zh-CN': '显示全部', en: 'Show all' },

  verifyTitle: { 'zh-CN': '校验哈希链', en: 'Verify the chain' },
  verifyIntro: {
    'zh-CN': '从第一条事件起重新计算整条哈希链，找出第一条被改动、删除或插入的事件。',
    en: 'Recomputes the hash chain from the first event and names the first event that was altered, removed or inserted.',
  },
  verify: { 'zh-CN': '校验哈希链', en: 'Verify the chain' },
  verifying: { 'zh-CN': '正在校验…', en: 'Verifying…' },
  verifiedOk: {
    'zh-CN': '哈希链完整：已校验 {events} 条事件，未发现改动、删除或插入。',
    en: 'The chain is intact: {events} events verified, none altered, removed or inserted.',
  },
  headNow: { 'zh-CN': '链头：第 {seq} 条事件，哈希', en: 'Head: event {seq}, hash' },
  headMatched: {
    'zh-CN': '您提供的第 {seq} 条链头与链中记录一致。',
    en: 'The head you gave (event {seq}) matches the chain.',
  },
  verifiedBroken: {
    'zh-CN': '哈希链在第 {seq} 条事件处断开：{reason}',
    en: 'The chain breaks at event {seq}: {reason}',
  },
  intactBefore: {
    'zh-CN': '在此之前的 {events} 条事件完好。',
    en: 'The {events} events before it are intact.',
  },
  showAround: { 'zh-CN': '查看第 {seq} 条前后的事件', en: 'Show the events around event {seq}' },
  checkHead: {
    'zh-CN': '用月度摘要中的链头核对',
    en: 'Check against a head from a monthly digest',
  },
  checkHeadIntro: {
    'zh-CN': '输入摘要邮件中记载的序号和哈希：校验时会同时确认这条链头仍在链中。',
    en: 'Enter the seq and hash printed in a digest: verifying also confirms that this head is still in the chain.',
  },
  headSeq: { 'zh-CN': '序号', en: 'Seq' },
  headHash: { 'zh-CN': '哈希（64 位十六进制）', en: 'Hash (64 hex digits)' },
  check: { 'zh-CN': '核对并校验', en: 'Check and verify' },

  anchorsTitle: { 'zh-CN': '月度链头', en: 'Monthly anchors' },
  anchorsNote: {
    'zh-CN':
      '每月最后一条事件的序号和哈希（链头）会写入发给领导的月度摘要邮件，因此在数据库之外也留有副本。若有人改写了数据库中的历史，重新计算出的链将与这些副本对不上。',
    en: 'The seq and hash of each month’s last event (the chain head) are written into the monthly digest mailed to leaders, so copies exist outside the database. If anyone rewrote history in the database, the recomputed chain would no longer match these copies.',
  },
  currentHead: { 'zh-CN': '当前链头：第 {seq} 条事件', en: 'Current head: event {seq}' },
  month: { 'zh-CN': '月份', en: 'Month' },
  lastEventAt: { 'zh-CN': '当月最后一条事件的时间', en: 'Last event of the month' },
  noAnchors: { 'zh-CN': '尚无事件。', en: 'No events yet.' },
});

/** The server's reasons (English, fixed wording) in the reader's language; an unknown one is shown as it is. */
const REASONS: [RegExp, Message][] = [
  [
    /^event (\d+) is missing$/,
    { 'zh-CN': '第 {a} 条事件缺失（已被删除）', en: 'event {a} is missing (removed)' },
  ],
  [
    /^event (\d+) does not follow event (\d+)$/,
    {
      'zh-CN': '第 {a} 条事件与第 {b} 条衔接不上（有事件被插入或替换）',
      en: 'event {a} does not follow event {b} (an event was inserted or replaced)',
    },
  ],
  [
    /^event (\d+) was altered/,
    {
      'zh-CN': '第 {a} 条事件被改动（内容与其哈希不符）',
      en: 'event {a} was altered (its hash does not match its content)',
    },
  ],
  [
    /^event (\d+) does not match the head you gave$/,
    { 'zh-CN': '第 {a} 条事件与您提供的链头不符', en: 'event {a} does not match the head you gave' },
  ],
  [
    /^events (\d+) to (\d+) were removed$/,
    { 'zh-CN': '第 {a} 至 {b} 条事件已被删除', en: 'events {a} to {b} were removed' },
  ],
  [
    /^event (\d+) and later were added outside the chain$/,
    {
      'zh-CN': '第 {a} 条及之后的事件是在链外添加的',
      en: 'event {a} and later were added outside the chain',
    },
  ],
  [
    /^event (\d+) is not in the chain$/,
    { 'zh-CN': '链中没有第 {a} 条事件', en: 'event {a} is not in the chain' },
  ],
];

function reasonText(reason: string): string {
  for (const [pattern, message] of REASONS) {
    const found = pattern.exec(reason);
    if (found) return t(message, { a: found[1] ?? '', b: found[2] ?? '' });
  }
  return reason;
}

const FILTER_KEYS = ['entityType', 'entityId', 'actorId', 'action', 'from', 'to', 'around'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** How many newer events the "around" view shows above the one it opens on. */
const NEIGHBOURS = 5;

/** The filters as the API takes them: dates become the reader's whole days. */
function apiFilters({ from, to, around: _around, ...rest }: Filters<FilterKey>) {
  return {
    ...rest,
    from: from ? new Date(`${from}T00:00:00`).toISOString() : undefined,
    to: to ? new Date(`${to}T23:59:59.999`).toISOString() : undefined,
  };
}

const aroundSeq = (f: Filters<FilterKey>) => {
  const seq = Number(f.around);
  return Number.isInteger(seq) && seq > 0 ? seq : null;
};

/**
 * The audit trail (审计留痕) for admins (everything) and supervisors (their units; the server decides): filters
 * kept in the address bar, newest first with "load more", exports of the filtered range, the chain check
 * (admins) and the monthly anchors that are copied out of the database.
 */
@customElement('audit-page')
export class AuditPage extends LitElement {
  static override styles = [
    base,
    css`
      .intro { max-width: 60rem; }
      .card > h2:first-child { margin-top: 0; }
      th { white-space: nowrap; }
      .exports { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0 0 0.25rem; }
      .exports .note { flex-basis: 100%; margin: 0; font-size: 0.85rem; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.when { min-width: 7rem; }
      td.actor { white-space: nowrap; }
      code.hash { color: var(--c-muted); font-size: 0.8rem; }
      td.entity { min-width: 8rem; }
      td.action { min-width: 5.5rem; }
      .code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.85rem; }
      code, .hash { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.85rem; }
      .full-hash { overflow-wrap: anywhere; word-break: break-all; }
      td.change { min-width: 12rem; max-width: 34rem; }
      @media (max-width: 1200px) {
        .action-code { display: none; }
      }
      td.change ul.changes { margin: 0; padding-left: 1.1rem; }
      td.change ul.changes ul { color: var(--c-muted); padding-left: 1.1rem; }
      td.entity button.link { font-size: 0.85rem; }
      tr.target { background: #fff3cd; outline: 2px solid var(--c-b); outline-offset: -2px; }
      .verdict { border-radius: var(--radius); padding: 0.75rem 1rem; margin-top: 0.75rem; border: 1px solid; }
      .verdict p { margin: 0.2rem 0; }
      .verdict.ok { background: #dafbe1; border-color: var(--c-ok); color: #0f5323; }
      .verdict.broken { background: #fde8e7; border-color: var(--c-danger); color: #8a1c12; }
      .verdict.broken a { color: #8a1c12; font-weight: 600; }
      .verdict strong::before { margin-right: 0.35rem; }
      .verdict.ok strong::before { content: '✓'; }
      .verdict.broken strong::before { content: '✗'; }
      details { margin-top: 0.75rem; }
      summary { cursor: pointer; color: var(--c-primary); min-height: 2.25rem; display: list-item; padding-top: 0.4rem; }
      .head-form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin-top: 0.5rem; }
      .head-form label.seq { flex: 0 1 8rem; }
      .head-form label.hash-field { flex: 1 1 24rem; }
      .around { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; background: #fff3cd;
        border: 1px solid var(--c-b); border-radius: var(--radius); padding: 0.4rem 0.75rem; }
      .around p { margin: 0; }
      .filters input[type='date'] { min-width: 9rem; }
    `,
  ];

  /** Admins may verify the chain (the server checks too). */
  @property({ type: Boolean }) canVerify = false;
  @state() private verifying = false;
  @state() private verdict: VerifyResult | null = null;
  @state() private checkedHead: number | null = null;
  @state() private verifyError: unknown = null;

  private readonly list = new FilteredList<AuditEventView, FilterKey>(this, '/audit', FILTER_KEYS, {
    toQuery: (f) => {
      const seq = aroundSeq(f);
      return { ...apiFilters(f), seqTo: seq ? String(seq + NEIGHBOURS) : undefined };
    },
  });
  private readonly anchors = new Task(this, { task: () => auditApi.anchors(), args: () => [] });
  private readonly i18n = new LocaleController(this);

  private async verify(head?: { seq: number; hash: string }) {
    this.verifying = true;
    this.verifyError = null;
    this.verdict = null;
    try {
      this.verdict = await auditApi.verify(head);
      this.checkedHead = head?.seq ?? null;
    } catch (err) {
      this.verifyError = err;
    } finally {
      this.verifying = false;
    }
  }

  private checkHead(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    void this.verify({ seq: Number(data.get('seq')), hash: String(data.get('hash')).trim().toLowerCase() });
  }

  /** Opens the table on one event and its neighbours, every other filter cleared. */
  private async showAround(seq: number, e?: Event) {
    e?.preventDefault();
    this.list.filters = { around: String(seq) };
    this.requestUpdate();
    await this.list.refresh();
    await this.updateComplete;
    this.renderRoot.querySelector('tr.target')?.scrollIntoView({ block: 'center' });
  }

  private onlyThis(entityType: string, entityId: string, e: Event) {
    e.preventDefault();
    this.list.filters = { entityType, entityId };
    this.requestUpdate();
    void this.list.refresh();
  }

  private verifySection() {
    const v = this.verdict;
    return html`<section class="card" aria-labelledby="s-verify">
      <h2 id="s-verify">${t(m.verifyTitle)}</h2>
      <p class="muted">${t(m.verifyIntro)}</p>
      <button class="primary" ?disabled=${this.verifying} @click=${() => this.verify()}>
        ${this.verifying ? t(m.verifying) : t(m.verify)}
      </button>
      <details>
        <summary>${t(m.checkHead)}</summary>
        <p class="muted">${t(m.checkHeadIntro)}</p>
        <form class="head-form" @submit=${this.checkHead}>
          <label class="seq">${t(m.headSeq)}<input name="seq" type="number" min="1" step="1" required inputmode="numeric" /></label>
          <label class="hash-field">${t(m.headHash)}<input name="hash" required pattern="[0-9a-fA-F]{64}" autocomplete="off" spellcheck="false" class="code" /></label>
          <button type="submit" ?disabled=${this.verifying}>${t(m.check)}</button>
        </form>
      </details>
      <div role="status" aria-live="polite">
        ${
          v?.ok
            ? html`<div class="verdict ok" data-verdict="ok">
              <p><strong>${t(m.verifiedOk, { events: formatNumber(v.events) })}</strong></p>
              <p>${t(m.headNow, { seq: v.seq })} <code class="full-hash">${v.head}</code></p>
              ${this.checkedHead ? html`<p>${t(m.headMatched, { seq: this.checkedHead })}</p>` : nothing}
            </div>`
            : nothing
        }
      </div>
      ${
        v && !v.ok
          ? html`<div class="verdict broken" role="alert" data-verdict="broken">
            <p><strong>${t(m.verifiedBroken, { seq: v.brokenAt, reason: reasonText(v.reason) })}</strong></p>
            <p>${t(m.intactBefore, { events: formatNumber(v.events) })}</p>
            <p><a href="/audit?around=${v.brokenAt}" @click=${(e: Event) => this.showAround(v.brokenAt, e)}>
              ${t(m.showAround, { seq: v.brokenAt })}</a></p>
          </div>`
          : nothing
      }
      ${this.verifyError ? html`<p class="error" role="alert">${errorMessage(this.verifyError)}</p>` : nothing}
    </section>`;
  }

  private date(key: 'from' | 'to', text: string) {
    return html`<label>${text}
      <input type="date" .value=${this.list.filters[key] ?? ''}
        @change=${(e: Event) => this.list.set(key, (e.target as HTMLInputElement).value)} />
    </label>`;
  }

  private filters() {
    const f = this.list.filters;
    const groups = [...new Set(Object.keys(actionWords).map((a) => a.split('.')[0] as string))];
    return html`<div class="filters" role="search" aria-label=${t(common.filters)}>
      ${enumFilter(t(m.entityType), entityTypeLabels, f.entityType, (v) => this.list.set('entityType', v))}
      <label>${t(m.entityId)}
        <input type="search" inputmode="numeric" .value=${f.entityId ?? ''} placeholder=${t(m.entityIdHint)}
          @input=${(e: Event) => this.list.set('entityId', (e.target as HTMLInputElement).value.trim(), 300)} />
      </label>
      <ref-select label=${t(m.actor)} path="/people" .value=${f.actorId ?? ''}
        @change=${(e: CustomEvent<string>) => this.list.set('actorId', e.detail)}></ref-select>
      <label>${t(m.action)}
        <input type="search" list="actions" autocomplete="off" spellcheck="false" .value=${f.action ?? ''}
          placeholder=${t(m.actionHint)}
          @input=${(e: Event) => this.list.set('action', (e.target as HTMLInputElement).value.trim(), 300)} />
      </label>
      <datalist id="actions">
        ${groups.map((g) => html`<option value="${g}.*">${t(m.allOf, { type: enumLabel(entityTypeLabels, g) })}</option>`)}
        ${Object.keys(actionWords).map((a) => html`<option value=${a}>${actionLabel(a)}</option>`)}
      </datalist>
      ${this.date('from', t(m.from))}
      ${this.date('to', t(m.to))}
      <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
    </div>`;
  }

  private exports() {
    const query = apiFilters(this.list.filters);
    const link = (format: ExportFormat, text: string) =>
      html`<a class="button" href=${auditApi.exportUrl(format, query)} download data-format=${format}>⤓ ${text}</a>`;
    return html`<div class="exports">
      <span>${t(m.export)}</span>
      ${link('xlsx', t(m.exportXlsx))} ${link('csv', t(m.exportCsv))} ${link('jsonl', t(m.exportJsonl))}
      <p class="note muted">${t(m.exportNote)}</p>
    </div>`;
  }

  private entityCell(e: AuditEventView) {
    const type = enumLabel(entityTypeLabels, e.entityType);
    if (!e.entityId) return html`<td class="entity">${type}</td>`;
    const page = recordPage(e.entityType, e.entityId);
    const id = Number(e.entityId);
    // Records the app can name are named (a form by its number, a person by name); others show their id.
    const record =
      isRefKind(e.entityType) && Number.isInteger(id)
        ? html`<ref-name kind=${e.entityType} ref-id=${id}></ref-name>`
        : Number.isInteger(id)
          ? page
            ? html`<a href=${page}>#${e.entityId}</a>`
            : html`#${e.entityId}`
          : // a one-of-a-kind record (the centre's settings) is named by its kind alone
            page
            ? html`<a href=${page}>${t(m.open)}</a>`
            : nothing;
    const only = `/audit?entityType=${encodeURIComponent(e.entityType)}&entityId=${encodeURIComponent(e.entityId)}`;
    return html`<td class="entity">
      ${type} ${record}
      <div><a class="only" href=${only} aria-label=${t(m.onlyThisLabel, { type, id: e.entityId })}
        @click=${(ev: Event) => this.onlyThis(e.entityType, e.entityId ?? '', ev)}>${t(m.onlyThis)}</a></div>
    </td>`;
  }

  private table() {
    const target = aroundSeq(this.list.filters);
    return listTable(
      this.list,
      t(m.events),
      html`<th scope="col" class="num">${t(m.seqAndHash)}</th>
        <th scope="col">${t(m.at)}</th>
        <th scope="col">${t(m.actor)}</th>
        <th scope="col">${t(m.action)}</th>
        <th scope="col">${t(m.entity)}</th>
        <th scope="col">${t(m.change)}</th>`,
      (e) => html`<tr class=${e.seq === target ? 'target' : ''} data-seq=${e.seq} data-action=${e.action}
          aria-current=${e.seq === target ? 'true' : 'false'}>
        <td class="num">${e.seq}<div><code class="hash" title=${e.hash}>${e.hash.slice(0, 12)}</code></div></td>
        <td class="when"><time datetime=${e.at}>${formatDateTime(e.at)}</time></td>
        <td class="actor">${e.actor || !e.action.startsWith('session.') ? actorName(e.actor) : html`<span class="muted">${t(m.notSignedIn)}</span>`}</td>
        <td class="action"><span class="action-label">${actionLabel(e.action)}</span><div class="muted code action-code">${e.action}</div></td>
        ${this.entityCell(e)}
        <td class="change">${renderChanges(eventChanges(e))}</td>
      </tr>`,
    );
  }

  private anchorsSection() {
    return html`<section aria-labelledby="s-anchors">
      <h2 id="s-anchors">${t(m.anchorsTitle)}</h2>
      <p class="muted intro">${t(m.anchorsNote)}</p>
      ${this.anchors.render({
        pending: () => html`<p class="muted">${t(common.loading)}</p>`,
        error: (err) => html`<p class="error" role="alert">${errorMessage(err)}</p>`,
        complete: (a) =>
          a.months.length === 0
            ? html`<p class="muted">${t(m.noAnchors)}</p>`
            : html`<p>${t(m.currentHead, { seq: a.head.seq })} <code class="full-hash">${a.head.hash}</code></p>
              <div class="table-wrap"><table>
                <caption class="visually-hidden">${t(m.anchorsTitle)}</caption>
                <thead><tr>
                  <th scope="col">${t(m.month)}</th>
                  <th scope="col" class="num">${t(m.seq)}</th>
                  <th scope="col">${t(m.hash)}</th>
                  <th scope="col" class="hide-narrow">${t(m.lastEventAt)}</th>
                </tr></thead>
                <tbody>${a.months.map(
                  (row) => html`<tr data-month=${row.month}>
                    <th scope="row">${formatMonth(row.month)}</th>
                    <td class="num">${row.seq}</td>
                    <td><code class="full-hash">${row.hash}</code></td>
                    <td class="hide-narrow">${formatDateTime(row.at)}</td>
                  </tr>`,
                )}</tbody>
              </table></div>`,
      })}
    </section>`;
  }

  override render() {
    const around = aroundSeq(this.list.filters);
    return html`
      <h1>${t(nav.audit)}</h1>
      <p class="muted intro">${t(m.intro)} ${this.canVerify ? nothing : t(m.scopeNote)}</p>
      ${this.canVerify ? this.verifySection() : nothing}
      ${this.filters()}
      ${this.exports()}
      ${
        around
          ? html`<div class="around"><p>${t(m.around, { seq: around })}</p>
            <button class="link" @click=${() => this.list.clear()}>${t(m.showAll)}</button></div>`
          : nothing
      }
      ${this.table()}
      ${this.anchorsSection()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'audit-page': AuditPage;
  }
}
