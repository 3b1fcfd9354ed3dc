import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.ts';
import { type AttachmentView, evidenceApi, MAX_EVIDENCE_BYTES } from '../api/evidence.ts';
import { common } from '../i18n/common.ts';
import { defineMessages, formatDateTime, LocaleController, named, t } from '../i18n/i18n.ts';
import { formatSize } from '../pages/forms/parts.ts';
import { base } from '../styles.ts';
import { errorMessage } from './error-message.ts';

const m = defineMessages({
  none: { 'zh-CN': '尚无佐证材料。', en: 'No evidence yet.' },
  choose: { 'zh-CN': '上传佐证材料', en: 'Attach evidence' },
  hint: {
    'zh-CN': 'PDF、图片（PNG、JPEG、GIF、WebP）或 Office 文档，单个文件不超过 10 MB。',
    en: 'PDF, images (PNG, JPEG, GIF, WebP) or Office documents, up to 10 MB each.',
  },
  tooLarge: { 'zh-CN': '“{name}”超过 10 MB，无法上传。', en: '“{name}” is larger than 10 MB.' },
  uploading: { 'zh-CN': '正在上传“{name}”…', en: 'Uploading “{name}”…' },
  uploaded: { 'zh-CN': '已上传“{name}”。', en: '“{name}” attached.' },
  file: { 'zh-CN': '文件', en: 'File' },
  size: { 'zh-CN': '大小', en: 'Size' },
  by: { 'zh-CN': '上传人', en: 'Uploaded by' },
  at: { 'zh-CN': '时间', en: 'When' },
  sha: { 'zh-CN': 'SHA-256 校验值', en: 'SHA-256' },
  download: { 'zh-CN': '下载 {name}', en: 'Download {name}' },
});

/** Accepted by the server (it checks the content, this only narrows the file picker). */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,application/pdf,image/*';

/**
 * The evidence files of a record (佐证材料): download links with size, uploader and SHA-256, and, for those who
 * may add evidence, a file picker that uploads at once. `owner` is the record's API path (`/inspections/5`).
 * @fires evidence-added - a file was attached (the page refreshes its timeline)
 */
@customElement('evidence-files')
export class EvidenceFiles extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      code { font-size: 0.8rem; word-break: break-all; }
      .nowrap { white-space: nowrap; }
      .upload { display: flex; flex-direction: column; gap: 0.3rem; margin-top: 0.75rem; }
      .upload input { max-width: 28rem; }
      .hint { font-size: 0.85rem; color: var(--c-muted); margin: 0; }
    `,
  ];

  @property() owner = '';
  @property({ type: Boolean }) canUpload = false;
  @state() private items: AttachmentView[] | null = null;
  @state() private error = '';
  @state() private status = '';
  @state() private busy = false;
  private readonly i18n = new LocaleController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('owner') && this.owner) void this.load();
  }

  async load() {
    try {
      this.items = await evidenceApi.list(this.owner);
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  private async upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    this.error = '';
    if (file.size > MAX_EVIDENCE_BYTES) {
      this.error = t(m.tooLarge, { name: file.name });
      input.value = '';
      return;
    }
    this.busy = true;
    this.status = t(m.uploading, { name: file.name });
    try {
      await evidenceApi.attach(this.owner, file);
      this.status = t(m.uploaded, { name: file.name });
      await this.load();
      this.dispatchEvent(new CustomEvent('evidence-added', { bubbles: true, composed: true }));
    } catch (err) {
      this.status = '';
      const fields = err instanceof ApiError ? (err.problem.errors ?? []).map((e) => e.message) : [];
      const head =
        err instanceof ApiError && ![0, 401, 404, 412].includes(err.status)
          ? (err.problem.detail ?? err.problem.title)
          : errorMessage(err);
      this.error = [head, ...fields].join(' ');
    } finally {
      this.busy = false;
      input.value = '';
    }
  }

  override render() {
    const items = this.items;
    return html`
      ${
        items === null
          ? html`<p class="muted">${t(common.loading)}</p>`
          : items.length === 0
            ? html`<p class="muted">${t(m.none)}</p>`
            : html`<div class="table-wrap"><table>
              <thead><tr>
                <th scope="col">${t(m.file)}</th><th scope="col">${t(m.size)}</th>
                <th scope="col" class="hide-narrow">${t(m.by)}</th><th scope="col" class="hide-narrow">${t(m.at)}</th>
                <th scope="col">${t(m.sha)}</th>
              </tr></thead>
              <tbody>${items.map(
                (a) => html`<tr>
                  <td><a href=${evidenceApi.url(this.owner, a.id)} download=${a.filename}
                    aria-label=${t(m.download, { name: a.filename })}>${a.filename}</a></td>
                  <td class="nowrap">${formatSize(a.size)}</td>
                  <td class="hide-narrow">${named(a.uploadedBy)}</td>
                  <td class="hide-narrow">${formatDateTime(a.createdAt)}</td>
                  <td><code title=${a.sha256}>${a.sha256.slice(0, 16)}…</code></td>
                </tr>`,
              )}</tbody>
            </table></div>`
      }
      ${
        this.canUpload
          ? html`<div class="upload">
            <label>${t(m.choose)}
              <input type="file" accept=${ACCEPT} ?disabled=${this.busy} aria-describedby="evidence-hint"
                @change=${(e: Event) => this.upload(e.target as HTMLInputElement)} />
            </label>
            <p class="hint" id="evidence-hint">${t(m.hint)}</p>
          </div>`
          : nothing
      }
      <p role="status" aria-live="polite" class="muted">${this.status}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}

/** A form's evidence: the same list and picker, named by the form's id. */
@customElement('form-evidence')
export class FormEvidence extends EvidenceFiles {
  @property({ type: Number }) formId = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('formId')) this.owner = this.formId ? `/forms/${this.formId}` : '';
    super.willUpdate(changed);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'evidence-files': EvidenceFiles;
    'form-evidence': FormEvidence;
  }
}
