// Keeps /worker openable without network: registers the page's service worker
// (client/public/worker-sw.js) and hands it the build files this page already loaded, which it
// could not see itself before it took control.

export const WORKER_SERVICE_WORKER = '/worker-sw.js';
/** The same name the service worker keeps its files under. */
export const SHELL_CACHE = 'wangge-worker-shell-v1';

/** The hashed build files among what the page has fetched. */
export function buildFilesAmong(urls: readonly string[], origin: string): string[] {
  return [...new Set(urls.filter((url) => url.startsWith(`${origin}/assets/`)).map((url) => url.split('#')[0]!))];
}

async function keepLoadedFiles(): Promise<void> {
  const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
  const files = buildFilesAmong(urls, location.origin);
  if (files.length) await (await caches.open(SHELL_CACHE)).addAll(files);
}

/** Registers once per page load; a browser without service workers (or with them blocked) simply goes without. */
export function keepThePageOffline(): void {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  navigator.serviceWorker
    .register(WORKER_SERVICE_WORKER, { scope: '/worker' })
    .then(() => keepLoadedFiles())
    // The map's files arrive a little after the page: keep those too.
    .then(() => new Promise((resolve) => setTimeout(resolve, 5_000)))
    .then(() => keepLoadedFiles())
    .catch(() => {
      /* private mode, blocked, or offline right now: the page works online, and the outbox still keeps writes */
    });
}
