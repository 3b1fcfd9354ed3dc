import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { PersonCreate, PersonPatch, Roles } from '../../../../server/people/schema.ts';
import type { PersonView } from '../../api/catalog.ts';
import { api } from '../../api/client.ts';
import { enumLabel } from '../../components/enum-label.ts';
import { errorMessage } from '../../components/error-message.ts';
import { errorSummary, fieldError, zodFieldErrors } from '../../components/form-errors.ts';
import { FormState } from '../../components/form-state.ts';
import { FilteredList } from '../../components/filtered-list.ts';
import { enumFilter, textFilter } from '../../components/filters.ts';
import { listTable } from '../../components/list-table.ts';
import '../../components/ref-select.ts';
import { common, nav, roles as roleLabels } from '../../i18n/common.ts';
import { type Locale, LocaleController, named, t } from '../../i18n/i18n.ts';
import { base } from '../../styles.ts';
import { localeNames, peopleMessages as m } from './messages.ts';

type Role = (typeof Roles)[number];
const FILTER_KEYS = ['q', 'unitId', 'role'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const FIELDS = ['name', 'nameEn', 'email', 'unitId', 'roles', 'locale', 'active', 'password'] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  name: string;
  nameEn: string;
  email: string;
  unitId: string;
  roles: Role[];
  locale: Locale;
  active: boolean;
  password: string;
}

type Editing = { mode: 'create' } | { mode: 'edit'; person: PersonView; etag: string | null };

const emptyDraft = (): Draft => ({
  name: '',
  nameEn: '',
  email: '',
  unitId: '',
  roles: ['holder'],
  locale: 'zh-CN',
  active: true,
  password: '',
});

/** The unit's name in the reader's language; the list gives the Chinese name, and the English one if it ever carries it. */
const unitName = (p: PersonView) =>
  named({ name: p.unitName ?? '', nameEn: (p as PersonView & { unitNameEn?: string }).unitNameEn });

/** People (人员): filters by text, unit and role; admins add people and change roles, unit, status, language and password. */
@customElement('people-page')
export class PeoplePage extends LitElement {
  static override styles = [
    base,
    css`
      .toolbar { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
      .roles { display: flex; gap: 0.25rem; flex-wrap: wrap; }
      tbody td { vertical-align: middle; }
      tr.inactive td { color: var(--c-muted); }
      dialog { border: 1px solid var(--c-border); border-radius: var(--radius); padding: 0; width: min(40rem, 96vw); max-height: 94vh; }
      dialog::backdrop { background: rgba(15, 23, 42, 0.45); }
      dialog form { padding: 1rem 1.25rem; display: grid; gap: 0.75rem; }
      dialog header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
      dialog h2 { margin: 0; }
      .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.75rem; }
      fieldset { border: 1px solid var(--c-border); border-radius: var(--radius); margin: 0; padding: 0.5rem 0.75rem; }
      legend { font-size: 0.9rem; color: var(--c-muted); padding: 0 0.25rem; }
      label.check { flex-direction: row; align-items: center; gap: 0.5rem; color: var(--c-text); display: inline-flex; margin-right: 1rem; }
      label.check input { min-height: auto; width: 1.1rem; height: 1.1rem; }
      .field-error { display: block; font-size: 0.85rem; }
      .hint { font-size: 0.85rem; }
      ref-select { max-width: none; }
      .actions { display: flex; gap: 0.5rem; justify-content: flex-end; }
    `,
  ];

  @property({ type: Boolean }) canEdit = false;
  @state() private editing: Editing | null = null;
  @state() private draft: Draft = emptyDraft();
  @state() private status = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  private opener: HTMLElement | null = null;
  private readonly list = new FilteredList<PersonView, FilterKey>(this, '/people', FILTER_KEYS);
  private readonly form = new FormState(this, FIELDS);
  private readonly i18n = new LocaleController(this);

  private async openEditor(editing: Editing, draft: Draft, opener: EventTarget | null) {
    this.opener = opener instanceof HTMLElement ? opener : null;
    this.editing = editing;
    this.draft = draft;
    this.form.reset();
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  private async edit(p: PersonView, e: Event) {
    const opener = e.currentTarget;
    this.status = t(m.loadingPerson);
    try {
      const { body, etag } = await api.getWithETag<PersonView>(`/people/${p.id}`);
      this.status = '';
      await this.openEditor(
        { mode: 'edit', person: body, etag },
        {
          name: body.name,
          nameEn: body.nameEn,
          email: body.email,
          unitId: String(body.unitId),
          roles: [...body.roles],
          locale: body.locale,
          active: body.active,
          password: '',
        },
        opener,
      );
    } catch (err) {
      this.status = errorMessage(err);
    }
  }

  private closeEditor() {
    this.dialog.close();
  }

  private onClosed() {
    this.editing = null;
    this.opener?.focus();
  }

  /** Only what changed is sent, so the audit trail records the real change. */
  private changes(person: PersonView): Record<string, unknown> {
    const d = this.draft;
    const out: Record<string, unknown> = {};
    if (d.name !== person.name) out.name = d.name;
    if (d.nameEn !== person.nameEn) out.nameEn = d.nameEn;
    if (d.email.trim().toLowerCase() !== person.email) out.email = d.email;
    if (d.unitId !== String(person.unitId)) out.unitId = d.unitId ? Number(d.unitId) : undefined;
    if ([...d.roles].sort().join() !== [...person.roles].sort().join())
      out.roles = Roles.filter((r) => d.roles.includes(r));
    if (d.locale !== person.locale) out.locale = d.locale;
    if (d.active !== person.active) out.active = d.active;
    if (d.password) out.password = d.password;
    return out;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const editing = this.editing;
    if (!editing) return;
    this.form.reset();
    const d = this.draft;
    const roles = Roles.filter((r) => d.roles.includes(r));
    const parsed =
      editing.mode === 'create'
        ? PersonCreate.safeParse({
            name: d.name,
            nameEn: d.nameEn || undefined,
            email: d.email,
            unitId: d.unitId ? Number(d.unitId) : undefined,
            roles,
            locale: d.locale,
            password: d.password || undefined,
          })
        : PersonPatch.safeParse(this.changes(editing.person));
    if (!parsed.success) {
      this.form.invalid(zodFieldErrors(parsed.error.issues));
      return;
    }
    if (editing.mode === 'edit' && Object.keys(parsed.data).length === 0) {
      this.status = t(m.unchanged);
      this.closeEditor();
      return;
    }
    await this.form.submit(async () => {
      if (editing.mode === 'create') {
        const person = await api.post<PersonView>('/people', parsed.data);
        this.status = t(m.created, { name: named(person) });
      } else {
        const { body } = await api.patch<PersonView>(
          `/people/${editing.person.id}`,
          parsed.data,
          editing.etag,
        );
        this.status = t(m.updated, { name: named(body) });
      }
      this.closeEditor();
      void this.list.reload();
    });
  }

  private setDraft<K extends keyof Draft>(key: K, value: Draft[K]) {
    this.draft = { ...this.draft, [key]: value };
  }

  private text(
    field: 'name' | 'nameEn' | 'email' | 'password',
    label: string,
    attrs: { type?: string; autocomplete?: string; hint?: string; autofocus?: boolean } = {},
  ) {
    const err = `err-${field}`;
    const hint = attrs.hint ? `hint-${field}` : '';
    return html`<label>${label}
      <input name=${field} type=${attrs.type ?? 'text'} ?autofocus=${attrs.autofocus ?? false} autocomplete=${attrs.autocomplete ?? 'off'} .value=${this.draft[field]}
        aria-invalid=${this.form.errors[field] ? 'true' : 'false'} aria-describedby="${hint} ${err}"
        @input=${(e: Event) => this.setDraft(field, (e.target as HTMLInputElement).value)} />
      ${attrs.hint ? html`<span class="hint muted" id=${hint}>${attrs.hint}</span>` : ''}
      ${fieldError(this.form.errors, field, err)}
    </label>`;
  }

  private editor() {
    const editing = this.editing;
    const d = this.draft;
    const title = !editing
      ? ''
      : editing.mode === 'create'
        ? t(m.addPerson)
        : t(m.editTitle, { name: named(editing.person) });
    const labels: Record<Field, string> = {
      name: t(m.nameZh),
      nameEn: t(m.nameEn),
      email: t(m.email),
      unitId: t(common.unit),
      roles: t(m.roles),
      locale: t(m.locale),
      active: t(m.active),
      password: t(m.password),
    };
    return html`<dialog aria-labelledby="editor-title" @close=${this.onClosed}>
      ${
        editing
          ? html`<form @submit=${this.submit} novalidate>
            <header>
              <h2 id="editor-title">${title}</h2>
              <button type="button" class="link" aria-label=${t(common.close)} @click=${this.closeEditor}>✕</button>
            </header>
            ${errorSummary(this.form.errors, labels, this.form.message)}
            <div class="two">
              ${this.text('name', labels.name, { autofocus: true })}
              ${this.text('nameEn', labels.nameEn)}
            </div>
            ${this.text('email', labels.email, { type: 'email' })}
            <div>
              <ref-select label=${labels.unitId} path="/units" placeholder=${t(m.unitHint)} .value=${d.unitId}
                @change=${(e: CustomEvent<string>) => this.setDraft('unitId', e.detail)}></ref-select>
              ${fieldError(this.form.errors, 'unitId', 'err-unitId')}
            </div>
            <fieldset aria-describedby="err-roles">
              <legend>${labels.roles}</legend>
              ${Roles.map(
                (
                  r,
                ) => html`<label class="check"><input type="checkbox" name="roles" value=${r} .checked=${d.roles.includes(r)}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    this.setDraft('roles', on ? [...d.roles, r] : d.roles.filter((x) => x !== r));
                  }} />${enumLabel(roleLabels, r)}</label>`,
              )}
              ${fieldError(this.form.errors, 'roles', 'err-roles')}
            </fieldset>
            <div class="two">
              <label>${labels.locale}
                <select name="locale" @change=${(e: Event) => this.setDraft('locale', (e.target as HTMLSelectElement).value as Locale)}>
                  ${(['zh-CN', 'en'] as const).map((l) => html`<option value=${l} lang=${l} ?selected=${d.locale === l}>${enumLabel(localeNames, l)}</option>`)}
                </select>
                ${fieldError(this.form.errors, 'locale', 'err-locale')}
              </label>
              ${
                editing.mode === 'edit'
                  ? html`<div>
                    <label class="check"><input type="checkbox" name="active" .checked=${d.active}
                      @change=${(e: Event) => this.setDraft('active', (e.target as HTMLInputElement).checked)} />${t(m.activeLabel)}</label>
                    ${fieldError(this.form.errors, 'active', 'err-active')}
                  </div>`
                  : ''
              }
            </div>
            ${this.text('password', labels.password, {
              type: 'password',
              autocomplete: 'new-password',
              hint: editing.mode === 'edit' ? t(m.passwordKeep) : t(m.passwordNew),
            })}
            <div class="actions">
              <button type="button" @click=${this.closeEditor}>${t(common.cancel)}</button>
              <button type="submit" class="primary" ?disabled=${this.form.busy}>${t(common.save)}</button>
            </div>
          </form>`
          : ''
      }
    </dialog>`;
  }

  override render() {
    const f = this.list.filters;
    return html`
      <div class="toolbar">
        <h1>${t(nav.people)}</h1>
        ${
          this.canEdit
            ? html`<button class="primary" @click=${(e: Event) => this.openEditor({ mode: 'create' }, emptyDraft(), e.currentTarget)}>
              + ${t(m.addPerson)}</button>`
            : ''
        }
      </div>
      <p class="muted">${t(m.intro)}</p>
      <div class="filters">
        ${textFilter(t(m.textHint), f.q, (v) => this.list.set('q', v, 300))}
        <ref-select label=${t(common.unit)} path="/units" .value=${f.unitId ?? ''}
          @change=${(e: CustomEvent<string>) => this.list.set('unitId', e.detail)}></ref-select>
        ${enumFilter(t(m.role), roleLabels, f.role, (v) => this.list.set('role', v), t(m.allRoles))}
        <button @click=${() => this.list.clear()}>${t(common.clear)}</button>
      </div>
      <p role="status" aria-live="polite">${this.status}</p>
      ${listTable(
        this.list,
        t(nav.people),
        html`<th scope="col">${t(m.name)}</th>
          <th scope="col" class="hide-narrow">${t(m.email)}</th>
          <th scope="col">${t(common.unit)}</th>
          <th scope="col">${t(m.roles)}</th>
          <th scope="col">${t(m.active)}</th>
          <th scope="col" class="hide-narrow">${t(m.locale)}</th>
          ${this.canEdit ? html`<th scope="col">${t(m.actions)}</th>` : ''}`,
        (p) => html`<tr class=${p.active ? '' : 'inactive'}>
          <td>${named(p)}</td>
          <td class="hide-narrow">${p.email}</td>
          <td>${unitName(p)}</td>
          <td><span class="roles">${p.roles.map((r) => html`<span class="chip">${enumLabel(roleLabels, r)}</span>`)}</span></td>
          <td>${p.active ? t(m.activeYes) : t(m.activeNo)}</td>
          <td class="hide-narrow">${enumLabel(localeNames, p.locale)}</td>
          ${
            this.canEdit
              ? html`<td><button aria-label=${t(m.editPerson, { name: named(p) })} @click=${(e: Event) => this.edit(p, e)}>${t(common.edit)}</button></td>`
              : ''
          }
        </tr>`,
      )}
      ${this.canEdit ? this.editor() : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'people-page': PeoplePage;
  }
}
