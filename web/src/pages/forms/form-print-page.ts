import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  AccountabilityOutcomes,
  CauseCategories,
  FormSources,
  VerificationMethods,
} from '../../../../server/forms/schema.ts';
import type { UnitView } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { type FormView, formsApi } from '../../api/forms.ts';
import { errorMessage } from '../../components/error-message.ts';
import { printSheetStyles } from '../../components/print-sheet.ts';
import { common, stages } from '../../i18n/common.ts';
import {
  defineMessages,
  formatDate,
  formatDateTime,
  LocaleController,
  locale,
  type Message,
  named,
  t,
} from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import {
  cardLabels,
  causeCategoryLabels,
  measureKindLabels,
  outcomeLabels,
  sourceLabels,
  statusLabels,
  verificationMethodLabels,
  verificationResultLabels,
} from './labels.ts';
import { formMessages as fm } from './messages.ts';
import { label } from './parts.ts';

const m = defineMessages({
  print: { 'zh-CN': '打印', en: 'Print' },
  back: { 'zh-CN': '← 返回记录', en: '← Back to the form' },
  tip: {
    'zh-CN': '按 A4 纵向打印；打印时不显示本行和按钮。',
    en: 'Prints on A4 portrait; this line and the buttons are not printed.',
  },
  seq: { 'zh-CN': '序号', en: 'No.' },
  signature: { 'zh-CN': '签字：', en: 'Signature:' },
  date: { 'zh-CN': '日期：', en: 'Date:' },
  dateBlank: { 'zh-CN': '　　年　　月　　日', en: '____ / ____ / ______' },
  filer: { 'zh-CN': '填表人', en: 'Filer' },
  holder: { 'zh-CN': '责任人', en: 'Post holder' },
  verifier: { 'zh-CN': '督查验证人', en: 'Verifier (supervisor)' },
  printedAt: { 'zh-CN': '打印时间：{at}', en: 'Printed {at}' },
  pageNote: {
    'zh-CN': '一事一表 · 发现一个、填写一张、整改一个',
    en: 'One issue, one form: find one, fill one, improve one',
  },
  paren: { 'zh-CN': '（{x}）', en: ' ({x})' },
  colon: { 'zh-CN': '：', en: ': ' },
  semicolon: { 'zh-CN': '；', en: '; ' },
});

const PRINT_STYLE_ID = 'form-print-page-style';

/** A box ☑ or ☐ with a label, as on the paper form. */
function tick(on: boolean, text: string) {
  return html`<span class="tick"><span aria-hidden="true">${on ? '☑' : '☐'}</span>${on ? html`<strong>${text}</strong>` : text}</span>`;
}

function ticks(
  values: readonly string[],
  labels: Record<string, Message>,
  chosen: string | null | undefined,
) {
  return values.map((v) => tick(v === chosen, label(labels, v)));
}

/**
 * The print view: the form on A4 as the paper continuous-improvement record (持续改进记录表), a bordered table in
 * the order of the paper form, ending with sign-off boxes (filer, holder, department head, verifier, leader in
 * charge). It renders without the app's header and navigation.
 */
@customElement('form-print-page')
export class FormPrintPage extends LitElement {
  static override styles = [
    base,
    printSheetStyles,
    css`
      .sheet { font-size: 10.5pt; line-height: 1.45; }
      .head { text-align: center; margin-bottom: 4mm; }
      .head .centre { font-size: 12pt; letter-spacing: 0.1em; }
      .head h1 { font-size: 18pt; margin: 1mm 0 2mm; letter-spacing: 0.2em; }
      .meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 2mm; gap: 1rem; flex-wrap: wrap; }
      table.paper { width: 100%; border-collapse: collapse; table-layout: fixed; background: #fff; }
      table.paper th, table.paper td { border: 1px solid #000; padding: 1.6mm 2mm; vertical-align: top; font-size: 10pt; }
      table.paper th { background: #f2f2f2; font-weight: 600; text-align: center; vertical-align: middle; }
      table.paper col.label { width: 24mm; }
      .en table.paper col.label { width: 30mm; }
      .en .head .centre, .en .head h1 { letter-spacing: normal; }
      table.paper th { overflow-wrap: anywhere; hyphens: auto; }
      table.paper tr { break-inside: avoid; }
      table.paper tr.section-row { break-after: avoid; }
      table.paper tbody tr:hover { background: none; }
      table.paper th.section { text-align: left; background: #dcdcdc; font-size: 11pt; }
      td.tall { min-height: 22mm; height: 22mm; white-space: pre-wrap; }
      .tick { display: inline-block; margin-right: 3mm; white-space: nowrap; }
      table.inner { width: 100%; border-collapse: collapse; }
      table.inner th, table.inner td { border: 1px solid #000; padding: 1mm 1.5mm; font-size: 9.5pt; }
      table.inner tr > :first-child { border-left: none; }
      table.inner tr > :last-child { border-right: none; }
      table.inner thead tr > * { border-top: none; }
      table.inner tbody tr:last-child > * { border-bottom: none; }
      table.inner th { background: #f7f7f7; }
      .signoff { display: grid; grid-template-columns: repeat(5, 1fr); }
      .box { border-right: 1px solid #000; padding: 2mm; min-height: 32mm; display: flex; flex-direction: column; gap: 2mm; break-inside: avoid; }
      .box:last-child { border-right: none; }
      .box .role { font-weight: 600; text-align: center; }
      .box .name { text-align: center; min-height: 5mm; color: #333; }
      .box .line { margin-top: auto; font-size: 9pt; }
      .box .line .rule { display: block; border-bottom: 1px solid #000; min-height: 7mm; }
      .box .line .blank { display: block; white-space: nowrap; text-align: right; }
      td.signoff-cell { padding: 0 !important; }
      .foot { display: flex; justify-content: space-between; font-size: 8.5pt; color: #333; margin-top: 3mm; gap: 1rem; }
      .muted { color: #444; }
    `,
  ];

  @property({ type: Number }) formId = 0;
  @state() private form: FormView | null = null;
  @state() private centre = '';
  @state() private error: unknown = null;
  private readonly i18n = new LocaleController(this);
  private savedTitle = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.savedTitle = document.title;
    // @page cannot take effect inside a shadow root: the page size and margins go into the document.
    if (!document.getElementById(PRINT_STYLE_ID)) {
      const style = document.createElement('style');
      style.id = PRINT_STYLE_ID;
      style.textContent =
        '@page { size: A4; margin: 15mm; } @media print { html, body { background: #fff !important; } }';
      document.head.append(style);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.getElementById(PRINT_STYLE_ID)?.remove();
    document.title = this.savedTitle;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('formId') && this.formId) void this.load();
  }

  private async load() {
    try {
      const [{ body }, units] = await Promise.all([
        formsApi.get(this.formId),
        api.list<UnitView>('/units', { root: true, limit: 1 }).catch(() => null),
      ]);
      this.form = body;
      const root = units?.items[0];
      this.centre = root ? named(root) : '';
      document.title = `${body.number} ${t(fm.formTitle)}`;
    } catch (err) {
      this.error = err;
    }
  }

  private signBox(role: string, names: string) {
    return html`<div class="box" data-signoff=${role}>
      <div class="role">${role}</div>
      <div class="name">${names}</div>
      <div class="line">${t(m.signature)}<span class="rule"></span></div>
      <div class="line">${t(m.date)}<span class="blank">${t(m.dateBlank)}</span></div>
    </div>`;
  }

  private sheet(f: FormView) {
    const r = f.responsible;
    const cause = f.rootCause;
    const v = f.verification;
    const a = f.accountability;
    const whyRows = cause?.whys.length ? cause.whys : ['', '', ''];
    return html`<article class="sheet ${locale() === 'en' ? 'en' : ''}" lang=${locale()} aria-label=${t(fm.formTitle)}>
      <div class="head">
        <div class="centre">${this.centre || t(common.centre)}</div>
        <h1>${t(fm.formTitle)}</h1>
      </div>
      <div class="meta">
        <span>${t(fm.number)}${t(m.colon)}<strong>${f.number}</strong></span>
        <span>${t(fm.filedOn)}${t(m.colon)}${formatDate(f.filedOn)}</span>
        <span>${t(fm.status)}${t(m.colon)}${label(statusLabels, f.status)}</span>
      </div>
      <table class="paper">
        <colgroup><col class="label" /><col /><col class="label" /><col /></colgroup>
        <tbody>
          <tr class="section-row"><th colspan="4" class="section">${t(fm.sectionProblem)}</th></tr>
          <tr><th>${t(fm.source)}</th><td colspan="3">${ticks(FormSources, sourceLabels, f.source)}</td></tr>
          <tr>
            <th>${t(fm.occurredOn)}</th><td>${formatDate(f.occurredOn)}</td>
            <th>${t(fm.foundOn)}</th><td>${formatDate(f.foundOn)}</td>
          </tr>
          <tr>
            <th>${t(fm.post)}</th><td>${named(f.post)}<div class="muted">${f.post.code} · ${named(f.unit)}</div></td>
            <th>${t(common.grade)}</th><td>${['A', 'B', 'C'].map((g) => tick(g === f.grade, t(fm.gradeLetter, { g })))}</td>
          </tr>
          <tr>
            <th>${t(common.approvalItem)}</th>
            <td>${f.approvalItem ? html`${named(f.approvalItem)} <span class="muted">${f.approvalItem.code}</span>` : t(common.none)}</td>
            <th>${t(common.stage)}</th><td>${f.stage ? t(stages[f.stage] ?? common.stage) : t(common.none)}</td>
          </tr>
          <tr><th>${t(fm.riskPoint)}</th><td colspan="3">${
            f.riskPoint
              ? `${f.riskPoint.code}${t(m.paren, { x: t(fm.gradeLetter, { g: f.riskPoint.grade }) })} ${f.riskPoint.description}`
              : t(common.none)
          }</td></tr>
          <tr><th>${t(fm.responsibilityPoint)}</th><td colspan="3">${
            f.responsibilityPoint
              ? `${f.responsibilityPoint.code} ${f.responsibilityPoint.duty}`
              : t(common.none)
          }</td></tr>
          <tr><th>${t(fm.standard)}</th><td colspan="3">${
            f.standard
              ? `${f.standard.code} ${named({ name: f.standard.title, nameEn: f.standard.titleEn })}`
              : t(common.none)
          }</td></tr>
          <tr><th>${t(fm.problem)}</th><td colspan="3" class="tall">${f.problem}</td></tr>
          <tr>
            <th>${t(fm.deadline)}</th>
            <td>${formatDate(f.deadline)}${f.card !== 'none' ? t(m.paren, { x: label(cardLabels, f.card) }) : ''}</td>
            <th>${t(fm.filedBy)}</th><td>${named(f.filedBy)}</td>
          </tr>

          <tr class="section-row"><th colspan="4" class="section">${t(fm.sectionResponsibility)}</th></tr>
          <tr><th>${t(fm.holders)}</th><td colspan="3">${
            r.holders.length
              ? r.holders.map(
                  (h, i) =>
                    html`${i ? t(m.semicolon) : ''}${named(h)}${t(m.paren, {
                      x: h.toDate
                        ? t(fm.heldFromTo, { from: formatDate(h.fromDate), to: formatDate(h.toDate) })
                        : t(fm.heldFrom, { from: formatDate(h.fromDate) }),
                    })}`,
                )
              : t(fm.noHolder)
          }</td></tr>
          <tr>
            <th>${t(fm.departmentHead)}</th><td>${named(r.departmentHead) || t(common.none)}</td>
            <th>${t(fm.leaderInCharge)}</th><td>${named(r.leaderInCharge) || t(common.none)}</td>
          </tr>

          <tr class="section-row"><th colspan="4" class="section">${t(fm.sectionRootCause)}</th></tr>
          ${whyRows.map((w, i) => html`<tr><th>${t(fm.why, { n: i + 1 })}</th><td colspan="3">${w}</td></tr>`)}
          <tr><th>${t(fm.causeCategory)}</th><td colspan="3">${ticks(CauseCategories, causeCategoryLabels, cause?.category)}</td></tr>

          <tr class="section-row"><th colspan="4" class="section">${t(fm.sectionMeasures)}</th></tr>
          <tr><td colspan="4" style="padding:0">
            <table class="inner">
              <thead><tr>
                <th style="width:11mm">${t(m.seq)}</th><th style="width:20mm">${t(fm.measureKind)}</th><th>${t(fm.measureText)}</th>
                <th style="width:22mm">${t(fm.owner)}</th><th style="width:22mm">${t(fm.dueOn)}</th><th style="width:22mm">${t(fm.doneOn)}</th>
              </tr></thead>
              <tbody>${
                f.measures.length
                  ? f.measures.map(
                      (x, i) => html`<tr>
                        <td>${i + 1}</td><td>${label(measureKindLabels, x.kind)}</td><td>${x.text}</td>
                        <td>${named(x.owner)}</td><td>${formatDate(x.dueOn)}</td><td>${x.doneOn ? formatDate(x.doneOn) : ''}</td>
                      </tr>`,
                    )
                  : [1, 2].map(
                      (i) => html`<tr><td>${i}</td><td></td><td>&nbsp;</td><td></td><td></td><td></td></tr>`,
                    )
              }</tbody>
            </table>
          </td></tr>

          <tr class="section-row"><th colspan="4" class="section">${t(fm.sectionVerification)}</th></tr>
          <tr><th>${t(fm.method)}</th><td colspan="3">${ticks(VerificationMethods, verificationMethodLabels, v?.method)}</td></tr>
          <tr>
            <th>${t(fm.result)}</th><td>${ticks(['pass', 'fail'], verificationResultLabels, v?.result)}</td>
            <th>${t(fm.verifiedBy)}</th><td>${v ? html`${named(v.verifiedBy)}<div class="muted">${formatDateTime(v.verifiedAt)}</div>` : ''}</td>
          </tr>
          <tr><th>${t(fm.notes)}</th><td colspan="3" class="tall">${v?.notes ?? ''}</td></tr>

          <tr class="section-row"><th colspan="4" class="section">${t(fm.sectionAccountability)}</th></tr>
          <tr><th>${t(fm.outcome)}</th><td colspan="3">${ticks(AccountabilityOutcomes, outcomeLabels, a?.outcome)}</td></tr>
          <tr>
            <th>${t(fm.accountabilityNotes)}</th><td>${a?.notes ?? ''}</td>
            <th>${t(fm.decidedBy)}</th><td>${a ? named(a.decidedBy) : ''}</td>
          </tr>
          ${f.statusReason ? html`<tr><th>${t(fm.statusReason)}</th><td colspan="3">${f.statusReason}</td></tr>` : nothing}

          <tr class="section-row"><th colspan="4" class="section">${t(fm.sectionSignOff)}</th></tr>
          <tr><td colspan="4" class="signoff-cell">
            <div class="signoff">
              ${this.signBox(t(m.filer), named(f.filedBy))}
              ${this.signBox(t(m.holder), r.holders.map((h) => named(h)).join('、'))}
              ${this.signBox(t(fm.departmentHead), named(r.departmentHead))}
              ${this.signBox(t(m.verifier), v ? named(v.verifiedBy) : '')}
              ${this.signBox(t(fm.leaderInCharge), named(r.leaderInCharge))}
            </div>
          </td></tr>
        </tbody>
      </table>
      <div class="foot">
        <span>${t(m.pageNote)}</span>
        <span>${f.number} · ${t(m.printedAt, { at: formatDateTime(new Date()) })}</span>
      </div>
    </article>`;
  }

  override render() {
    if (this.error)
      return html`<p class="error" role="alert" style="padding:1rem">${errorMessage(this.error)}</p>`;
    const f = this.form;
    return html`
      <div class="toolbar">
        <a href="/forms/${this.formId}">${t(m.back)}</a>
        <button class="primary" ?disabled=${!f} @click=${() => window.print()}>${t(m.print)}</button>
        <p class="tip">${t(m.tip)}</p>
      </div>
      ${f ? this.sheet(f) : html`<p class="muted" role="status" style="text-align:center">${t(common.loading)}</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'form-print-page': FormPrintPage;
  }
}
