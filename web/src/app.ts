import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { UNAUTHENTICATED_EVENT } from './api/client.ts';
import { type SessionPerson, sessionApi } from './api/session.ts';
import { common, nav, roles } from './i18n/common.ts';
import { type Locale, LocaleController, locale, named, setLocale, t } from './i18n/i18n.ts';
import { type ModuleLoader, loadModule, moduleState } from './lazy.ts';
import type { SignedIn } from './pages/session/sign-in-page.ts';
import './pages/session/sign-in-page.ts';
import { interceptLinks, type Match, match, navigate, onNavigate } from './router.ts';
import { base } from './styles.ts';

type Page = (m: Match, person: SessionPerson) => TemplateResult;

/** Where `/` and signing in lead. */
const HOME = '/my-work';

/** Whether the address is the way in (the root or the sign-in page), which leads home once signed in. */
function isEntrance(): boolean {
  return location.pathname === '/' || location.pathname === '/sign-in';
}

/** Pages shown on their own, without the header and navigation (the print view). */
const FULL_PAGE = new Set([
  '/forms/:id/print',
  '/dashboard/print',
  '/risk-points/print',
  '/scorecards/print',
]);

/** Pages reached from the header rather than the navigation, so no navigation entry is marked on them. */
const OWN_PAGES = new Set(['/mail/preferences']);

/**
 * A page of the app: its module, fetched the first time the page is shown (a literal `import()`, so the
 * build gives each page its own chunk and the first screen carries none of them), and its element.
 */
interface PageRoute {
  load: ModuleLoader;
  render: Page;
}

// Modules behind more than one route are named once, so each is asked for (and its state kept) once.
const digestReadPage = () => import('./pages/mail/digest-read-page.ts');
const mailPreferencesPage = () => import('./pages/mail/mail-preferences-page.ts');

/**
 * Pages an email links to, shown without signing in: the signed token in their link is their proof, checked
 * by the server. Null when the address lacks what makes it public (preferences without a token are one's own).
 */
const PUBLIC_PAGES: Record<string, { load: ModuleLoader; render: (m: Match) => TemplateResult | null }> = {
  '/digest/read': {
    load: digestReadPage,
    render: (m) => html`<digest-read-page .token=${m.query.get('token') ?? ''}></digest-read-page>`,
  },
  '/mail/preferences': {
    load: mailPreferencesPage,
    render: (m) =>
      m.query.get('token')
        ? html`<mail-preferences-page .token=${m.query.get('token') ?? ''}></mail-preferences-page>`
        : null,
  },
};

/** Every page of the app by path; the first entry is the home page. A fixed path goes before a `:param` one. */
const PAGES: Record<string, PageRoute> = {
  '/my-work': {
    load: () => import('./pages/forms/my-work-page.ts'),
    render: (_m, p) => html`<my-work-page .person=${p}></my-work-page>`,
  },
  '/forms': {
    load: () => import('./pages/forms/forms-page.ts'),
    render: () => html`<forms-page></forms-page>`,
  },
  '/forms/new': {
    load: () => import('./pages/forms/form-new-page.ts'),
    render: (_m, p) => html`<form-new-page .person=${p}></form-new-page>`,
  },
  '/forms/:id': {
    load: () => import('./pages/forms/form-page.ts'),
    render: (m) => html`<form-page .formId=${Number(m.params.id)}></form-page>`,
  },
  '/forms/:id/print': {
    load: () => import('./pages/forms/form-print-page.ts'),
    render: (m) => html`<form-print-page .formId=${Number(m.params.id)}></form-print-page>`,
  },
  '/cases': {
    load: () => import('./pages/lessons/cases-page.ts'),
    render: () => html`<cases-page></cases-page>`,
  },
  '/accountability': {
    load: () => import('./pages/accountability/accountability-page.ts'),
    render: () => html`<accountability-page></accountability-page>`,
  },
  '/risk-points': {
    load: () => import('./pages/risk-points/risk-points-page.ts'),
    render: () => html`<risk-points-page></risk-points-page>`,
  },
  '/risk-points/print': {
    load: () => import('./pages/risk-points/risk-points-print-page.ts'),
    render: (m) => html`<risk-points-print-page .search=${m.query.toString()}></risk-points-print-page>`,
  },
  '/risk-points/:id': {
    load: () => import('./pages/risk-points/risk-point-page.ts'),
    render: (m, p) =>
      html`<risk-point-page .pointId=${Number(m.params.id)} .canGrade=${p.roles.includes('supervisor') || p.roles.includes('admin')}
        .canCheck=${p.roles.includes('supervisor')}></risk-point-page>`,
  },
  '/inspections': {
    load: () => import('./pages/inspections/inspections-page.ts'),
    render: (_m, p) =>
      html`<inspections-page .canRecord=${p.roles.includes('supervisor')}></inspections-page>`,
  },
  '/inspections/new': {
    load: () => import('./pages/inspections/inspection-new-page.ts'),
    render: (m) =>
      html`<inspection-new-page .riskPointId=${Number(m.query.get('riskPointId')) || 0}
        .recheckOf=${Number(m.query.get('recheckOf')) || 0}></inspection-new-page>`,
  },
  '/inspections/rechecks': {
    load: () => import('./pages/inspections/rechecks-page.ts'),
    render: (_m, p) => html`<rechecks-page .canRecord=${p.roles.includes('supervisor')}></rechecks-page>`,
  },
  '/inspections/checks': {
    load: () => import('./pages/inspections/checks-page.ts'),
    render: () => html`<checks-page></checks-page>`,
  },
  '/inspections/coverage': {
    load: () => import('./pages/inspections/coverage-page.ts'),
    render: () => html`<coverage-page></coverage-page>`,
  },
  '/inspections/:id': {
    load: () => import('./pages/inspections/inspection-page.ts'),
    render: (m, p) =>
      html`<inspection-page .inspectionId=${Number(m.params.id)} .canUpload=${p.roles.includes('supervisor')}></inspection-page>`,
  },
  '/units': {
    load: () => import('./pages/units/units-page.ts'),
    render: () => html`<units-page></units-page>`,
  },
  '/posts': {
    load: () => import('./pages/posts/posts-page.ts'),
    render: () => html`<posts-page></posts-page>`,
  },
  '/posts/:id': {
    load: () => import('./pages/posts/post-page.ts'),
    render: (m) => html`<post-page .postId=${Number(m.params.id)}></post-page>`,
  },
  '/people': {
    load: () => import('./pages/people/people-page.ts'),
    render: (_m, p) => html`<people-page .canEdit=${p.roles.includes('admin')}></people-page>`,
  },
  '/approval-items': {
    load: () => import('./pages/approval-items/approval-items-page.ts'),
    render: () => html`<approval-items-page></approval-items-page>`,
  },
  '/approval-items/:id': {
    load: () => import('./pages/approval-items/approval-item-page.ts'),
    render: (m) => html`<approval-item-page .itemId=${Number(m.params.id)}></approval-item-page>`,
  },
  '/standards': {
    load: () => import('./pages/standards/standards-page.ts'),
    render: () => html`<standards-page></standards-page>`,
  },
  '/responsibility-points': {
    load: () => import('./pages/responsibility-points/responsibility-points-page.ts'),
    render: () => html`<responsibility-points-page></responsibility-points-page>`,
  },
  '/catalogue/import': {
    load: () => import('./pages/ledger/catalogue-import-page.ts'),
    render: (_m, p) =>
      html`<catalogue-import-page .canImport=${p.roles.includes('admin')}></catalogue-import-page>`,
  },
  '/settings': {
    load: () => import('./pages/settings/settings-page.ts'),
    render: (_m, p) => html`<settings-page .canEdit=${p.roles.includes('admin')}></settings-page>`,
  },
  '/dashboard': {
    load: () => import('./pages/dashboard/dashboard-page.ts'),
    render: () => html`<dashboard-page></dashboard-page>`,
  },
  '/dashboard/print': {
    load: () => import('./pages/dashboard/dashboard-print-page.ts'),
    render: (m) =>
      html`<dashboard-print-page .unitId=${Number(m.query.get('unitId')) || 0} .month=${m.query.get('month') ?? ''}></dashboard-print-page>`,
  },
  '/scorecards': {
    load: () => import('./pages/scorecards/scorecards-page.ts'),
    render: () => html`<scorecards-page></scorecards-page>`,
  },
  '/scorecards/print': {
    load: () => import('./pages/scorecards/scorecards-print-page.ts'),
    render: (m) =>
      html`<scorecards-print-page .unitId=${Number(m.query.get('unitId')) || 0} .month=${m.query.get('month') ?? ''}></scorecards-print-page>`,
  },
  '/scorecards/:month/posts/:postId': {
    load: () => import('./pages/scorecards/scorecard-post-page.ts'),
    render: (m, p) =>
      html`<scorecard-post-page .month=${m.params.month ?? ''} .postId=${Number(m.params.postId)}
        .canAdjust=${p.roles.includes('admin') || p.roles.includes('supervisor')}></scorecard-post-page>`,
  },
  '/audit': {
    load: () => import('./pages/audit/audit-page.ts'),
    render: (_m, p) => html`<audit-page .canVerify=${p.roles.includes('admin')}></audit-page>`,
  },
  '/mail': {
    load: () => import('./pages/mail/mail-page.ts'),
    render: () => html`<mail-page></mail-page>`,
  },
  '/mail/previews': {
    load: () => import('./pages/mail/mail-previews-page.ts'),
    render: () => html`<mail-previews-page></mail-previews-page>`,
  },
  '/mail/digest': {
    load: () => import('./pages/mail/mail-digest-page.ts'),
    render: () => html`<mail-digest-page></mail-digest-page>`,
  },
  '/mail/preferences': {
    load: mailPreferencesPage,
    render: (m) => html`<mail-preferences-page .token=${m.query.get('token') ?? ''}></mail-preferences-page>`,
  },
  '/mail/messages/:id': {
    load: () => import('./pages/mail/mail-message-page.ts'),
    render: (m) => html`<mail-message-page .messageId=${Number(m.params.id)}></mail-message-page>`,
  },
  '/digests': {
    load: () => import('./pages/mail/digest-receipts-page.ts'),
    render: (_m, p) =>
      html`<digest-receipts-page .scoped=${!p.roles.includes('admin')}></digest-receipts-page>`,
  },
  '/digest/read': {
    load: digestReadPage,
    render: (m) => html`<digest-read-page .token=${m.query.get('token') ?? ''}></digest-read-page>`,
  },
};

type NavItem = { path: string; label: keyof typeof nav; roles?: SessionPerson['roles'] };

/** The improvement work: the forms (一事一表). */
const WORK_NAV: NavItem[] = [
  { path: '/my-work', label: 'myWork' },
  { path: '/forms', label: 'forms' },
  { path: '/forms/new', label: 'fileForm' },
  { path: '/cases', label: 'cases' },
];

const NAV: NavItem[] = [
  { path: '/risk-points', label: 'riskPoints' },
  { path: '/posts', label: 'posts' },
  { path: '/units', label: 'units' },
  { path: '/people', label: 'people' },
  { path: '/approval-items', label: 'approvalItems' },
  { path: '/responsibility-points', label: 'responsibilityPoints' },
  { path: '/standards', label: 'standards' },
  { path: '/catalogue/import', label: 'catalogueImport', roles: ['admin'] },
  { path: '/settings', label: 'settings' },
];

/** Oversight: offered only to the roles the server lets read it (admins all, supervisors and leaders their units). */
const OVERSIGHT_NAV: NavItem[] = [
  { path: '/dashboard', label: 'dashboard', roles: ['admin', 'supervisor', 'leader'] },
  { path: '/inspections', label: 'inspections', roles: ['admin', 'supervisor', 'leader'] },
  { path: '/inspections/coverage', label: 'coverage', roles: ['admin', 'supervisor', 'leader'] },
  // Everyone: holders see their own posts' scores.
  { path: '/scorecards', label: 'scorecards', roles: ['admin', 'supervisor', 'leader', 'holder'] },
  // Everyone: holders see their own and their posts' outcomes.
  { path: '/accountability', label: 'accountability', roles: ['admin', 'supervisor', 'leader', 'holder'] },
  { path: '/audit', label: 'audit', roles: ['admin', 'supervisor'] },
];

/** Email: the outbox and its viewer (admins), and who has confirmed reading the monthly digest. */
const MAIL_NAV: NavItem[] = [
  { path: '/mail', label: 'mail', roles: ['admin'] },
  { path: '/digests', label: 'digests', roles: ['admin', 'leader'] },
];

/** The application: the sign-in page, or the shell (header, navigation, the current page). */
@customElement('rectify-app')
export class RectifyApp extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; min-height: 100vh; background: #f3f5f8; }
      .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; z-index: 10; }
      .skip:focus { left: 0.5rem; }
      header.top { display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1rem; background: #0b3d91; color: #fff; flex-wrap: wrap; }
      header.top .brand { font-weight: 600; font-size: 1.05rem; margin-right: auto; }
      header.top .brand small { display: block; font-weight: 400; opacity: 0.85; font-size: 0.8rem; }
      header.top button { background: transparent; color: #fff; border-color: rgba(255, 255, 255, 0.6); }
      header.top .who { font-size: 0.9rem; }
      header.top a.prefs { color: #fff; font-size: 0.9rem; text-underline-offset: 0.2em; }
      header.top a.prefs[aria-current='page'] { font-weight: 600; }
      main.public { max-width: 48rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
      .layout { display: grid; grid-template-columns: 13rem 1fr; min-height: calc(100vh - 3.5rem); }
      nav { background: #fff; border-right: 1px solid var(--c-border); padding: 0.75rem 0; }
      nav h2 { font-size: 0.8rem; text-transform: uppercase; color: var(--c-muted); margin: 0.5rem 1rem; }
      nav a { display: block; padding: 0.55rem 1rem; color: var(--c-text); text-decoration: none; border-left: 4px solid transparent; }
      nav a:hover { background: var(--c-subtle); }
      nav a[aria-current='page'] { border-left-color: var(--c-primary); background: #e8f0fe; font-weight: 600; }
      main { padding: 1rem 1.5rem 3rem; min-width: 0; }
      /* A page's module usually arrives within a blink; the line shows only when it takes longer. */
      .page-loading { animation: 0s linear 0.3s backwards page-loading-appear; }
      @keyframes page-loading-appear { from { visibility: hidden; } }
      nav h2 + a, nav a + h2 { margin-top: 0.25rem; }
      nav a.file { color: var(--c-primary); font-weight: 600; }
      @media print {
        :host { background: #fff; }
        .skip, header.top, nav { display: none !important; }
        .layout { display: block; min-height: 0; }
        main { padding: 0; }
      }
      .menu-toggle { display: none; }
      @media (max-width: 900px) {
        .layout { grid-template-columns: 1fr; }
        .menu-toggle { display: inline-flex; }
        nav { display: none; border-right: none; border-bottom: 1px solid var(--c-border); }
        nav.open { display: block; }
        main { padding: 1rem; }
      }
    `,
  ];

  @state() private person: SessionPerson | null = null;
  @state() private checked = false;
  @state() private menuOpen = false;
  private readonly i18n = new LocaleController(this);
  private stopNavigation?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = locale();
    interceptLinks(this.renderRoot);
    this.stopNavigation = onNavigate(() => {
      this.menuOpen = false;
      this.requestUpdate();
    });
    window.addEventListener(UNAUTHENTICATED_EVENT, this.signedOut);
    // The module of the page this visit lands on is fetched alongside the session check, not after it.
    const landing = match(Object.keys(PAGES), isEntrance() ? new URL(HOME, location.href) : location);
    const page = landing && PAGES[landing.route];
    if (page) void loadModule(page.load);
    void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopNavigation?.();
    window.removeEventListener(UNAUTHENTICATED_EVENT, this.signedOut);
  }

  private readonly signedOut = () => {
    this.person = null;
  };

  private async restore() {
    try {
      this.person = (await sessionApi.current()).person;
      setLocale(this.person.locale);
    } catch {
      this.person = null;
    }
    this.checked = true;
  }

  private signedIn({ person, languageChosen }: SignedIn) {
    this.person = person;
    // A language picked on the sign-in page becomes the person's remembered one; otherwise theirs applies.
    if (languageChosen && person.locale !== locale()) void this.changeLocale(locale());
    else setLocale(person.locale);
    if (isEntrance()) navigate(HOME, { replace: true });
  }

  private async changeLocale(next: Locale) {
    setLocale(next);
    if (this.person) {
      try {
        const me = await sessionApi.setLocale(next);
        this.person = { ...this.person, locale: me.locale };
      } catch {
        // The switch still applies on this device; the server copy is updated next time.
      }
    }
  }

  private async signOut() {
    await sessionApi.signOut().catch(() => undefined);
    this.person = null;
    navigate('/', { replace: true });
  }

  private page(person: SessionPerson) {
    const found = match(Object.keys(PAGES));
    if (!found) {
      if (isEntrance()) {
        queueMicrotask(() => navigate(HOME, { replace: true }));
        return nothing;
      }
      return html`<h1>${t(common.notFound)}</h1>`;
    }
    const page = PAGES[found.route];
    return page ? this.lazy(page.load, page.render(found, person)) : nothing;
  }

  /** A page once its module has arrived: until then a quiet loading line, and a reload offer if it failed. */
  private lazy(load: ModuleLoader, content: TemplateResult) {
    const status = moduleState(load);
    if (status === 'ready') return content;
    if (status === 'failed')
      return html`<div class="card" role="alert">
        <p class="error">${t(common.pageLoadFailed)}</p>
        <button class="primary" @click=${() => location.reload()}>${t(common.reload)}</button>
      </div>`;
    void loadModule(load).then(() => this.requestUpdate());
    return html`<p class="muted page-loading" role="status">${t(common.loading)}</p>`;
  }

  /** A page an email links to, for someone not signed in: the brand and the language switch above it. */
  private publicPage(content: TemplateResult) {
    const other: Locale = locale() === 'en' ? 'zh-CN' : 'en';
    return html`
      <header class="top">
        <div class="brand">${t(common.appName)}<small>${t(common.centre)}</small></div>
        <button lang=${other} aria-label=${t(common.switchLanguageLabel)} @click=${() => this.changeLocale(other)}>
          ${t(common.switchLanguage)}
        </button>
      </header>
      <main id="main" class="public" tabindex="-1">${content}</main>
    `;
  }

  override render() {
    if (!this.checked) return html`<p class="muted" style="padding:2rem">${t(common.loading)}</p>`;
    if (!this.person) {
      const open = match(Object.keys(PUBLIC_PAGES));
      const page = open ? PUBLIC_PAGES[open.route] : undefined;
      const content = open && page?.render(open);
      if (page && content) return this.publicPage(this.lazy(page.load, content));
      return html`<sign-in-page @signed-in=${(e: CustomEvent<SignedIn>) => this.signedIn(e.detail)}></sign-in-page>`;
    }
    const person = this.person;
    const route = match(Object.keys(PAGES))?.route ?? '';
    if (FULL_PAGE.has(route)) return html`<main id="main" tabindex="-1">${this.page(person)}</main>`;
    const other: Locale = locale() === 'en' ? 'zh-CN' : 'en';
    // The entry for this page is the one with the longest path that the address starts with.
    const allowed = (items: NavItem[]) =>
      items.filter((item) => item.roles?.some((r) => person.roles.includes(r)));
    // A catalogue entry without roles is for everyone; one with roles only for them.
    const catalogue = NAV.filter((item) => !item.roles || allowed([item]).length > 0);
    const oversight = allowed(OVERSIGHT_NAV);
    const mail = allowed(MAIL_NAV);
    const here = OWN_PAGES.has(route)
      ? undefined
      : [...WORK_NAV, ...catalogue, ...oversight, ...mail]
          .map((item) => item.path)
          .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
          .sort((a, b) => b.length - a.length)[0];
    const link = (item: NavItem, cls = '') =>
      html`<a href=${item.path} class=${cls} aria-current=${item.path === here ? 'page' : 'false'}>${t(nav[item.label])}</a>`;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>('main')?.focus();
      }}>${t(common.skipToContent)}</a>
      <header class="top">
        <button class="menu-toggle" aria-expanded=${this.menuOpen} aria-controls="nav" @click=${() => (this.menuOpen = !this.menuOpen)}>
          ☰ ${t(common.menu)}
        </button>
        <div class="brand">${t(common.appName)}<small>${t(common.centre)}</small></div>
        <span class="who">${t(common.signedInAs, { name: named(person) })} · ${person.roles.map((r) => (roles[r] ? t(roles[r]) : r)).join('、')}</span>
        <a class="prefs" href="/mail/preferences" aria-current=${route === '/mail/preferences' ? 'page' : 'false'}>✉ ${t(nav.mailPreferences)}</a>
        <button lang=${other} aria-label=${t(common.switchLanguageLabel)} @click=${() => this.changeLocale(other)}>
          ${t(common.switchLanguage)}
        </button>
        <button @click=${this.signOut}>${t(common.signOut)}</button>
      </header>
      <div class="layout">
        <nav id="nav" class=${this.menuOpen ? 'open' : ''} aria-label=${t(common.menu)}>
          <h2>${t(nav.work)}</h2>
          ${WORK_NAV.map((item) => link(item, item.path === '/forms/new' ? 'file' : ''))}
          <h2>${t(nav.catalogue)}</h2>
          ${catalogue.map((item) => link(item))}
          <a href="/api/docs" target="_blank" rel="noopener">${t(nav.apiDocs)}</a>
          ${oversight.length ? html`<h2>${t(nav.oversight)}</h2>${oversight.map((item) => link(item))}` : nothing}
          ${mail.length ? html`<h2>${t(nav.mailGroup)}</h2>${mail.map((item) => link(item))}` : nothing}
        </nav>
        <main id="main" tabindex="-1">${this.page(person)}</main>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rectify-app': RectifyApp;
  }
}
