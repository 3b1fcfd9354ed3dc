/** A small history-API router: pages are `<a href>` links; the shell renders the matching page. */
export interface Match {
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
}

export function onNavigate(listener: () => void): () => void {
  listeners.add(listener);
  const pop = () => listener();
  window.addEventListener('popstate', pop);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', pop);
  };
}

/** Matches the location (or another address) against patterns such as `/risk-points/:id`. */
export function match(
  patterns: string[],
  location: Pick<Location, 'pathname' | 'search'> = window.location,
): Match | null {
  const parts = location.pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of patterns) {
    const pattern = route.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      const part = decodeURIComponent(parts[i] ?? '');
      if (p.startsWith(':')) {
        params[p.slice(1)] = part;
        return true;
      }
      return p === part;
    });
    if (ok) return { route, params, query: new URLSearchParams(location.search) };
  }
  return null;
}

/** Keeps a page's filters in the address bar, so a filtered view can be bookmarked and shared. */
export function setQuery(values: Record<string, string | number | undefined | null>): void {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const search = params.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
}

/** Follows same-origin link clicks without reloading the page. */
export function interceptLinks(root: EventTarget): void {
  root.addEventListener('click', (event) => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const anchor = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download') || anchor.origin !== location.origin)
      return;
    if (anchor.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(anchor.pathname + anchor.search);
  });
}
