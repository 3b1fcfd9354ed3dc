/**
 * Page modules fetched on demand: each page is its own chunk of the build, so the first screen carries only
 * the shell and the sign-in page. A module is asked for once, and whether it arrived or failed is kept, so
 * the shell can render synchronously and never tears down a page element that is already showing.
 */
export type ModuleLoader = () => Promise<unknown>;
export type ModuleState = 'loading' | 'ready' | 'failed';

const loads = new Map<ModuleLoader, Promise<void>>();
const settled = new Map<ModuleLoader, Exclude<ModuleState, 'loading'>>();

/** Fetches the module unless it has been asked for already; resolves either way once it has settled. */
export function loadModule(load: ModuleLoader): Promise<void> {
  let pending = loads.get(load);
  if (!pending) {
    pending = load().then(
      () => {
        settled.set(load, 'ready');
      },
      (error: unknown) => {
        // A network failure, or a redeploy that replaced the chunk: the shell offers a reload, which fetches
        // the new index.html and with it the new chunk names.
        console.error(error);
        settled.set(load, 'failed');
      },
    );
    loads.set(load, pending);
  }
  return pending;
}

/** Where the module stands; one never asked for counts as loading. */
export function moduleState(load: ModuleLoader): ModuleState {
  return settled.get(load) ?? 'loading';
}
