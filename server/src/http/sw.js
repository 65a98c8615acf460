// ANTT Cơ sở service worker. The server fills in VERSION and ASSETS (the hashed files of
// this build), so a new build is a new worker, installed beside the old one and switched
// to only when the person taps "Cập nhật" (or every tab has closed).
const VERSION = "__VERSION__";
const ASSETS = __ASSETS__;
const SHELL = "antt-shell-" + VERSION;
// Pages and screen data the person opened, for reading them again offline. Named after
// the build, because a cached page names the build's hashed files.
const PAGES = "antt-pages-" + VERSION;
const OFFLINE = "/offline.html";
// What one person read belongs to them: the kept pages are dropped whenever who is signed
// in may change (signing in or out) or has ended (any 401), so the next person on a
// shared phone never opens them.
const SESSION_CHANGES = ["/api/session/login", "/api/session/logout", "/api/v1/auth/token"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(ASSETS.concat([OFFLINE]))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== SHELL && k !== PAGES).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  // The page's sync found nobody signed in (a 401 the worker did not see).
  else if (event.data === "forget") event.waitUntil(forget());
  else if (event.data && event.data.keep) event.waitUntil(keepPage(event.data.keep));
});

// A screen opened inside the app (no page load) is fetched whole once, so that it opens
// offline too, even as the first page after the phone restarts.
async function keepPage(href) {
  const url = new URL(href);
  if (url.origin !== self.location.origin) return;
  try {
    const since = generation;
    const res = await fetch(url.pathname + url.search, { credentials: "same-origin" });
    if (endedSession(res)) await forget();
    else if (keepable(res)) await keep(url.pathname + url.search, res, since);
  } catch (offline) {
    // Opened offline: nothing new to keep.
  }
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method !== "GET" && SESSION_CHANGES.includes(url.pathname)) {
    // Before the network: signing out with no signal clears them too.
    event.respondWith(forget().then(() => fetch(req)));
    return;
  }
  if (req.method !== "GET") return;
  if (ASSETS.includes(url.pathname) || url.pathname.startsWith("/pkg/")) {
    event.respondWith(cacheFirst(req));
    return;
  }
  if (req.mode === "navigate") {
    event.respondWith(networkFirst(req, () => caches.match(OFFLINE, { cacheName: SHELL })));
    return;
  }
  // A screen's data (read server functions); the sync API always goes to the network.
  if (url.pathname.startsWith("/api/") && !url.pathname.startsWith("/api/v1/")) {
    event.respondWith(networkFirst(req, () => Response.error()));
  }
});

// The build's files never change under their hashed names.
async function cacheFirst(req) {
  const hit = await caches.match(req, { cacheName: SHELL });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) {
    const copy = res.clone();
    caches.open(SHELL).then((c) => c.put(req, copy));
  }
  return res;
}

// A 401, or a page sent to the sign-in screen: nobody is signed in any more.
function endedSession(res) {
  return res.status === 401 || (res.redirected && new URL(res.url).pathname === "/login");
}

// Raised at every forget: an answer fetched for the person before is not kept after it.
let generation = 0;

function forget() {
  generation += 1;
  return caches.delete(PAGES);
}

async function keep(key, res, since) {
  const cache = await caches.open(PAGES);
  if (since === generation) await cache.put(key, res);
}

// An answer the server marks no-store (one that names a tip's informant) is never kept.
function keepable(res) {
  return res.ok && !res.redirected && !/no-store/i.test(res.headers.get("Cache-Control") || "");
}

async function networkFirst(req, fallback) {
  const since = generation;
  const network = fetch(req).then(async (res) => {
    if (endedSession(res)) await forget();
    else if (keepable(res)) keep(req, res.clone(), since);
    return res;
  });
  const cached = await caches.match(req, { cacheName: PAGES, ignoreVary: true });
  if (!cached) return network.catch(fallback);
  // A weak signal: after a few seconds the copy on the phone beats waiting.
  const slow = new Promise((resolve) => setTimeout(() => resolve(cached), 5000));
  return Promise.race([network.catch(() => cached), slow]);
}
