import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../../api/client.ts';
import {
  CATALOGUE_KINDS,
  type CatalogueKind,
  EXPORT_FORMATS,
  type ExportFormat,
  type ImportIssueView,
  type ImportMode,
  type ImportReport,
  issuesOf,
  ledgerApi,
  MAX_IMPORT_BYTES,
  type UploadProgress,
} from '../../api/ledger.ts';
import { errorMessage } from '../../components/error-message.ts';
import { dataTable } from '../../components/list-table.ts';
import { common } from '../../i18n/common.ts';
import { formatNumber, formatPercent, LocaleController, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { type Headings, headingAt, headingsOf } from './headings.ts';
import { kindLabels, kindPages, ledgerMessages as m } from './messages.ts';

/** What a report would write: records new and changed. */
function toWrite(r: ImportReport) {
  return r.kinds.reduce(
    (sum, k) => ({ created: sum.created + k.created, updated: sum.updated + k.updated }),
    { created: 0, updated: 0 },
  );
}

/** A failed upload in the reader's words: the refusals an upload can meet are named, others as everywhere. */
function failureText(err: unknown): string {
  if (err instanceof ApiError && err.status === 413) return t(m.tooLarge);
  if (err instanceof ApiError && err.status === 415) return t(m.unsupported);
  return errorMessage(err);
}

/**
 * The catalogue in and out of spreadsheets (admins): templates and the current data to download, then a file
 * uploaded and checked (a dry run that writes nothing and names every problem by sheet, row and column), and
 * only a clean check may be imported — in one transaction, all of it or nothing.
 */
@customElement('catalogue-import-page')
export class CatalogueImportPage extends LitElement {
  static override styles = [
    base,
    css`
      .intro { max-width: 60rem; }
      .card > h2:first-child { margin-top: 0; }
      .kind { max-width: 28rem; margin-bottom: 0.75rem; }
      .downloads { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1rem; align-items: center; }
      .downloads .links { display: flex; gap: 0.4rem; flex-wrap: wrap; align-items: center; }
      .note { font-size: 0.9rem; margin: 0.5rem 0 0; }
      .upload { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
      .upload label { flex: 1 1 20rem; max-width: 32rem; }
      .progress { display: flex; gap: 0.75rem; align-items: center; margin-top: 0.75rem; flex-wrap: wrap; }
      .progress progress { width: min(24rem, 100%); height: 1.1rem; }
      .progress p { margin: 0; }
      .verdict { border-radius: var(--radius); padding: 0.6rem 1rem; border: 1px solid; margin: 0.5rem 0 1rem; }
      .verdict p { margin: 0.2rem 0; }
      .verdict.ok { background: #dafbe1; border-color: var(--c-ok); color: #0f5323; }
      .verdict.bad { background: #fde8e7; border-color: var(--c-danger); color: #8a1c12; }
      .verdict ul { margin: 0.4rem 0 0; padding-left: 1.2rem; }
      .verdict a { font-weight: 600; }
      h2[tabindex='-1']:focus { outline: none; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.value { max-width: 18rem; overflow-wrap: anywhere; }
      code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.85rem; }
    `,
  ];

  /** Admins keep the catalogue (the server checks too). */
  @property({ type: Boolean }) canImport = false;
  @state() private kind: CatalogueKind | '' = '';
  @state() private file: File | null = null;
  @state() private busy: ImportMode | null = null;
  @state() private progress: UploadProgress | null = null;
  /** The last answer about the file: a dry run, a commit, or a refused commit's problems. */
  @state() private report: ImportReport | null = null;
  @state() private refused = false;
  @state() private headings: Headings = new Map();
  @state() private error: string | null = null;
  private readonly i18n = new LocaleController(this);

  private chooseFile(e: Event) {
    this.file = (e.target as HTMLInputElement).files?.[0] ?? null;
    this.report = null;
    this.error = null;
  }

  private async run(mode: ImportMode) {
    const file = this.file;
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      this.error = t(m.tooLarge);
      return;
    }
    if (!this.kind && /\.csv$/i.test(file.name)) {
      this.error = t(m.csvNeedsKind);
      return;
    }
    const checked = this.report;
    if (mode === 'commit') {
      if (!checked) return;
      const { created, updated } = toWrite(checked);
      if (!window.confirm(t(m.confirmImport, { file: file.name, created, updated }))) return;
    }
    this.busy = mode;
    this.error = null;
    try {
      const report = await ledgerApi.importCatalogue(file, { mode, kind: this.kind || undefined }, (p) => {
        this.progress = p;
      });
      await this.show(report, false, file);
    } catch (err) {
      if (mode === 'commit' && err instanceof ApiError && err.status === 422) {
        // The catalogue changed since the check: the commit's own problems, shown as a check shows them.
        const errors = issuesOf(err);
        const kinds = checked?.kinds ?? [];
        await this.show(
          { mode, file: file.name, ok: false, written: 0, kinds, errorCount: errors.length, errors },
          true,
          file,
        );
      } else this.error = failureText(err);
    } finally {
      this.busy = null;
      this.progress = null;
    }
  }

  /** Shows an answer and moves the reader to it. */
  private async show(report: ImportReport, refused: boolean, file: File) {
    this.headings = report.errors.length ? await headingsOf(file) : new Map();
    this.report = report;
    this.refused = refused;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#report-title')?.focus();
  }

  private downloads() {
    const kind = this.kind || undefined;
    const link = (href: string, what: string, format: ExportFormat) =>
      html`<a class="button" href=${href} download data-format=${format}
        aria-label=${t(m.downloadAs, { what, format: format.toUpperCase() })}>⤓ ${format.toUpperCase()}</a>`;
    return html`<section class="card" aria-labelledby="s-download">
      <h2 id="s-download">${t(m.downloadTitle)}</h2>
      <label class="kind">${t(m.kind)}
        <select @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as CatalogueKind | '')}>
          <option value="" ?selected=${!this.kind}>${t(m.wholeCatalogue)}</option>
          ${CATALOGUE_KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${t(kindLabels[k])}</option>`)}
        </select>
      </label>
      <div class="downloads">
        <span>${t(m.template)}</span>
        <span class="links" data-testid="templates">${
          kind
            ? EXPORT_FORMATS.map((f) => link(ledgerApi.templateUrl(kind, f), t(m.template), f))
            : html`<span class="muted">${t(m.templatePerKind)}</span>`
        }</span>
        <span>${t(m.current)}</span>
        <span class="links" data-testid="exports">${
          kind
            ? EXPORT_FORMATS.map((f) => link(ledgerApi.catalogueUrl(kind, f), t(m.current), f))
            : html`${link(ledgerApi.catalogueUrl(undefined, 'xlsx'), t(m.current), 'xlsx')}
              <span class="muted">${t(m.wholeIsXlsx)}</span>`
        }</span>
      </div>
      <p class="note muted">${t(m.templateNote)}</p>
    </section>`;
  }

  private progressBar(p: UploadProgress) {
    const file = this.file?.name ?? '';
    if (p.phase === 'uploading') {
      const share = p.total ? p.loaded / p.total : 0;
      return html`<div class="progress">
        <progress max=${p.total || 1} .value=${p.loaded} aria-label=${t(m.uploadProgress)}></progress>
        <p role="status">${t(m.uploading, { file })} ${formatPercent(share)}</p>
      </div>`;
    }
    return html`<div class="progress">
      <progress aria-label=${t(m.processing)}></progress>
      <p role="status">${this.busy === 'commit' ? t(m.writing) : t(m.checking)}</p>
    </div>`;
  }

  private upload() {
    const r = this.report;
    const pending = r?.mode === 'dry-run' && r.ok ? toWrite(r) : null;
    const canCommit = !!pending && pending.created + pending.updated > 0 && !this.busy;
    return html`<section class="card" aria-labelledby="s-import">
      <h2 id="s-import">${t(m.importTitle)}</h2>
      <p class="muted">${t(m.importIntro)}</p>
      <div class="upload">
        <label>${t(m.file)}
          <input type="file" accept=".xlsx,.csv" ?disabled=${!!this.busy} @change=${this.chooseFile} />
        </label>
        <button ?disabled=${!this.file || !!this.busy} @click=${() => this.run('dry-run')}>${t(m.check)}</button>
        <button class="primary" ?disabled=${!canCommit} @click=${() => this.run('commit')}>
          ${canCommit && pending ? t(m.importCount, { n: formatNumber(pending.created + pending.updated) }) : t(m.import)}
        </button>
      </div>
      ${this.progress ? this.progressBar(this.progress) : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }

  private verdict(r: ImportReport) {
    const { created, updated } = toWrite(r);
    const unchanged = r.kinds.reduce((sum, k) => sum + k.unchanged, 0);
    const n = formatNumber(r.errorCount);
    if (this.refused) return html`<div class="verdict bad"><p>${t(m.refused, { n })}</p></div>`;
    if (!r.ok) return html`<div class="verdict bad"><p>${t(m.checkProblems, { n })}</p></div>`;
    if (r.mode === 'dry-run')
      return html`<div class="verdict ok"><p>${
        created + updated
          ? t(m.checkOk, {
              created: formatNumber(created),
              updated: formatNumber(updated),
              unchanged: formatNumber(unchanged),
            })
          : t(m.checkNothing)
      }</p></div>`;
    const changed = r.kinds.filter((k) => k.created + k.updated > 0);
    return html`<div class="verdict ok" data-written=${r.written}>
      <p>${r.written ? t(m.written, { n: formatNumber(r.written) }) : t(m.writtenNothing)}</p>
      ${
        changed.length
          ? html`<ul>${changed.map(
              (k) =>
                html`<li><a href=${kindPages[k.kind]}>${t(m.seeList, { what: t(kindLabels[k.kind]) })}</a></li>`,
            )}</ul>`
          : nothing
      }
    </div>`;
  }

  private kindsTable(r: ImportReport) {
    return dataTable(
      t(m.byKind),
      html`<th scope="col">${t(m.kind)}</th>
        <th scope="col">${t(m.sheet)}</th>
        <th scope="col" class="num">${t(m.rows)}</th>
        <th scope="col" class="num">${t(m.created)}</th>
        <th scope="col" class="num">${t(m.updated)}</th>
        <th scope="col" class="num">${t(m.unchanged)}</th>
        <th scope="col">${t(m.ignoredColumns)}</th>`,
      r.kinds,
      (k) => html`<tr data-kind=${k.kind}>
        <th scope="row">${t(kindLabels[k.kind])}</th>
        <td>${k.sheet}</td>
        <td class="num">${formatNumber(k.rows)}</td>
        <td class="num" data-count="created">${formatNumber(k.created)}</td>
        <td class="num" data-count="updated">${formatNumber(k.updated)}</td>
        <td class="num" data-count="unchanged">${formatNumber(k.unchanged)}</td>
        <td>${k.ignoredColumns.length ? k.ignoredColumns.join('、') : html`<span class="muted">${t(common.none)}</span>`}</td>
      </tr>`,
    );
  }

  private problemsTable(r: ImportReport) {
    return html`<h3>${t(m.problems)}</h3>
      ${
        r.errorCount > r.errors.length
          ? html`<p class="muted">${t(m.firstShown, { shown: formatNumber(r.errors.length), n: formatNumber(r.errorCount) })}</p>`
          : nothing
      }
      ${dataTable(
        t(m.problems),
        html`<th scope="col">${t(m.sheet)}</th>
          <th scope="col" class="num">${t(m.row)}</th>
          <th scope="col">${t(m.column)}</th>
          <th scope="col">${t(m.field)}</th>
          <th scope="col">${t(m.value)}</th>
          <th scope="col">${t(m.message)}</th>`,
        r.errors,
        (e: ImportIssueView) => html`<tr data-row=${e.row} data-column=${e.column ?? ''}>
          <td>${e.sheet}</td>
          <td class="num">${e.row}</td>
          <td>${e.column ?? ''}</td>
          <td>${headingAt(this.headings, e.sheet, e.column) ?? (e.field ? html`<code>${e.field}</code>` : '')}</td>
          <td class="value">${e.value ?? ''}</td>
          <td>${e.message}</td>
        </tr>`,
      )}`;
  }

  private reportSection(r: ImportReport) {
    const title = this.refused ? m.refusedTitle : r.mode === 'commit' ? m.importedTitle : m.checkTitle;
    return html`<section class="card" aria-labelledby="report-title" data-testid="report"
        data-mode=${r.mode} data-ok=${r.ok}>
      <h2 id="report-title" tabindex="-1">${t(title, { file: r.file })}</h2>
      ${this.verdict(r)}
      ${r.kinds.length ? this.kindsTable(r) : nothing}
      ${r.errors.length ? this.problemsTable(r) : nothing}
    </section>`;
  }

  override render() {
    return html`
      <h1>${t(m.title)}</h1>
      <p class="muted intro">${t(m.intro)}</p>
      ${
        this.canImport
          ? html`${this.downloads()} ${this.upload()} ${this.report ? this.reportSection(this.report) : nothing}`
          : html`<p class="error" role="alert">${t(m.adminsOnly)}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'catalogue-import-page': CatalogueImportPage;
  }
}
