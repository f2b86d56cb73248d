/**
 * The demo's service worker: keeps the page's own files (the page, its
 * modules, the samples and the package in /pkg/) so the page works offline
 * once it has been loaded. It only ever handles this origin's GET requests.
 * Network first, so a rebuilt package shows at once; the cache when offline.
 */

const CACHE = "home-infusion-demo-v1";

/** The page's own files; the package's files are read from its package.json. */
const PAGE_FILES = [
  "./",
  "index.html",
  "favicon.svg",
  "styles.css",
  "app.js",
  "lines.js",
  "draft.js",
  "claim-file.js",
  "samples/index.json",
  "portal/",
  "portal/portal.css",
  "portal/portal.js",
  "portal/checks.js",
  "portal/index.html",
];

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(networkFirst(event.request));
});

async function precache() {
  const cache = await caches.open(CACHE);
  const files = [...PAGE_FILES];
  const [samples, pkg] = await Promise.all([
    fetchJson("samples/index.json"),
    fetchJson("/pkg/package.json"),
  ]);
  for (const sample of samples ?? []) files.push(`samples/${sample.file}`);
  for (const file of pkg?.files ?? []) {
    if (/\.(js|wasm|json)$/.test(file)) files.push(`/pkg/${file}`);
  }
  // One missing file must not stop the others from being kept.
  await Promise.all(files.map((file) => cache.add(file).catch(() => undefined)));
}

async function fetchJson(path) {
  try {
    const response = await fetch(path);
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone()).catch(() => undefined);
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}
