import { css, html } from 'lit';

/** The look of `pageTabs`: links in a row on a rule, the current one underlined. */
export const pageTabStyles = css`
  nav.tabs { display: flex; flex-wrap: wrap; gap: 0.25rem; border-bottom: 1px solid var(--c-border); margin: 0 0 1rem; }
  nav.tabs a { padding: 0.5rem 0.9rem; text-decoration: none; color: var(--c-text); border-bottom: 3px solid transparent; margin-bottom: -1px; }
  nav.tabs a:hover { background: var(--c-subtle); }
  nav.tabs a[aria-current='page'] { border-bottom-color: var(--c-primary); font-weight: 600; color: var(--c-primary); }
`;

export interface PageTab {
  path: string;
  label: string;
}

/**
 * The pages of one section as tabs (each its own address, so each can be bookmarked), the current one marked.
 * Include `pageTabStyles` in the page's styles.
 */
export function pageTabs(label: string, tabs: readonly PageTab[], current: string) {
  return html`<nav class="tabs" aria-label=${label}>
    ${tabs.map((tab) => html`<a href=${tab.path} aria-current=${tab.path === current ? 'page' : 'false'}>${tab.label}</a>`)}
  </nav>`;
}
