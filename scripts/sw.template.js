// The page's service worker (written into dist/sw.js by scripts/offline.py, which fills in
// the release's file list and the cache named after it). It keeps exactly this release's files,
// so that a second visit starts from the cache and the page opens with no network at all.
//
// - Install: fetch every file of the release (the unhashed ones revalidated, not taken stale
//   from the HTTP cache) into a cache of its own; one missing file fails the install and the old worker
//   stays.
// - Fetch: the release's files come from the cache (the hashed names change with their
//   content). A navigation to the page asks the network first for index.html, for at most
//   NAVIGATION_TIMEOUT_MS, and falls back to the cached one: so the first visit with a
//   network after a deployment shows the new release (its new hashed files are not in this
//   cache and come from the network), and a visit without one opens the cached release.
//   Nothing else is answered or cached here: any other request goes to the network as if
//   there were no worker.
// - Update: the browser finds the new sw.js during that visit and installs it beside this one;
//   it takes over once the old release's pages are closed (no skipWaiting: an open page never
//   loses the files it was built with), then deletes the older releases' caches.
// - Every URL is relative to the worker's own scope (its registration URL), so the page works
//   under any sub-path.
'use strict';

const CACHE = '__CACHE__';
const FILES = __FILES__;
const NAVIGATION_TIMEOUT_MS = 3000;
/** A content hash in a file's name, as Trunk and offline.py write it (not a directory's:
 * wasm-bindgen's snippets directory is named after the crate, not the content). */
const HASHED = /-[0-9a-f]{15,}[._][^/]*$/;
/** Caches of this page's releases start so; other caches of the origin are left alone. */
const PREFIX = 'deployment-designer-';

const scope = self.registration.scope;
const INDEX = new URL('index.html', scope).href;
const KNOWN = new Set(FILES.map((f) => new URL(f, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(FILES.map(async (f) => {
      const url = new URL(f, scope).href;
      // A hashed name never changes content, so the HTTP cache may give it (the page has
      // usually just fetched it); the others are revalidated.
      const mode = HASHED.test(f) ? 'default' : 'no-cache';
      const response = await fetch(url, { cache: mode, credentials: 'same-origin' });
      if (!response.ok) throw new Error(`${f}: ${response.status}`);
      await cache.put(url, response);
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** True for a request the page makes for itself: index.html or the scope's directory. */
function isPage(request, url) {
  if (request.mode !== 'navigate' || request.method !== 'GET') return false;
  const bare = url.origin + url.pathname;
  return bare === scope || bare === INDEX;
}

/** The network's index.html within the timeout, else the cached one (else the network's late). */
async function page(request) {
  const cached = caches.open(CACHE).then((c) => c.match(INDEX));
  const network = fetch(request, { cache: 'no-cache' }).then((r) => (r.ok ? r : Promise.reject(new Error(String(r.status)))));
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
  } catch {
    // Offline, or the server said no: this release's page.
  }
  return (await cached) || network;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (isPage(request, url)) {
    event.respondWith(page(request));
    return;
  }
  const key = url.origin + url.pathname;
  if (request.method !== 'GET' || url.search || !KNOWN.has(key)) return;
  event.respondWith(caches.open(CACHE).then((c) => c.match(key)).then((hit) => hit || fetch(request)));
});
