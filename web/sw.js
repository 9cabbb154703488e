/* FINSAM Planering service worker.
 * - The app shell (CSS, JS, icons, offline page) is precached in a versioned cache.
 * - A participant's own pages (/min-planering...) are network first; the last good copy is
 *   kept and shown when the network or server cannot be reached, marked as offline.
 * - Staff pages about participants are kept only when the handläggare chose to take those
 *   participants offline (the page puts them in PERSONAL_CACHE); they are refreshed when seen online.
 * - Follow-ups recorded offline wait in the IndexedDB outbox (utkorg.js); Background Sync sends them, with
 *   a CSRF token fetched at send time, and is retried by the browser while any remain.
 * - Logging out clears every page cache.
 * - A web push shows a notification with the payload's title and text (neutral, in her language, made by the
 *   server); tapping it opens her plan, in a window of the app already open if there is one.
 */
'use strict';

importScripts('/js/utkorg.js');

const VERSION = 'v5';
const SHELL_CACHE = 'finsam-shell-' + VERSION;
const PAGE_CACHE = 'finsam-sidor';
const PERSONAL_CACHE = 'finsam-personal';
const SHELL_FILES = [
  '/css/app.css',
  '/js/app.js',
  '/js/utkorg.js',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/manifest.webmanifest',
  '/utan-nat?sprak=sv',
  '/utan-nat?sprak=en',
  '/utan-nat?sprak=ar'
];
const OFFLINE_PAGES = /^\/min-planering(\/(kontakter|mote))?$/;
const PERSONAL_PAGES = /^\/(offline|deltagare\/\d+\/uppfoljning)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key !== SHELL_CACHE && key !== PAGE_CACHE && key !== PERSONAL_CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data === 'rensa') {
    event.waitUntil(Promise.all([caches.delete(PAGE_CACHE), caches.delete(PERSONAL_CACHE)]));
  } else if (event.data === 'utkorg') {
    // A page asks the worker to send now (as when Background Sync fires); the pages hear of every record sent.
    event.waitUntil(self.FinsamUtkorg.sync().catch(() => {}));
  } else if (event.data && /^(sv|en|ar)$/.test(event.data.sprak)) {
    // The page's language, so the "no network" page is in it too.
    event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.put('/sprak', new Response(event.data.sprak))));
  }
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'utkorg') {
    // Rejects while records remain, so the browser tries again later; the pages hear of every record sent.
    event.waitUntil(self.FinsamUtkorg.sync());
  }
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (ignored) {
    data = {};
  }
  const title = typeof data.titel === 'string' && data.titel ? data.titel : 'FINSAM Planering';
  const url = typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//') ? data.url : '/';
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof data.text === 'string' ? data.text : '',
    dir: 'auto',
    icon: '/icons/icon-192.png',
    tag: 'finsam-besked',
    renotify: true,
    data: { url: url }
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin && 'focus' in w);
    if (open) {
      return open.focus().then((w) => (w || open).navigate(url)).catch(() => self.clients.openWindow(url));
    }
    return self.clients.openWindow(url);
  }));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(staleWhileRevalidate(request));
    return;
  }
  if (request.mode === 'navigate' && PERSONAL_PAGES.test(url.pathname)) {
    event.respondWith(networkFirstIfChosen(request, url));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, url));
  }
});

/** Staff pages: only refreshed (never added) here, so nothing is kept that was not chosen. */
function networkFirstIfChosen(request, url) {
  return caches.open(PERSONAL_CACHE).then((cache) => fetch(request).then((response) => {
    if (response.ok && !response.redirected && response.type === 'basic') {
      const copy = response.clone();
      cache.match(url.pathname).then((old) => old && cache.put(url.pathname, copy));
    } else if (response.status === 403 || response.status === 404) {
      // No longer this user's to see (a withdrawn samtycke, a participant moved or cleared): forget the copy.
      cache.delete(url.pathname);
    }
    return response;
  }).catch(() => cache.match(url.pathname)
    .then((cached) => cached ? markOffline(cached) : offlinePage())));
}

function staleWhileRevalidate(request) {
  return caches.open(SHELL_CACHE).then((cache) => cache.match(request).then((cached) => {
    const fresh = fetch(request).then((response) => {
      if (response.ok) {
        cache.put(request, response.clone());
      }
      return response;
    }).catch(() => cached);
    return cached || fresh;
  }));
}

function networkFirst(request, url) {
  const keep = OFFLINE_PAGES.test(url.pathname);
  return fetch(request).then((response) => {
    if (keep && response.ok && !response.redirected && response.type === 'basic') {
      const copy = response.clone();
      caches.open(PAGE_CACHE).then((cache) => cache.put(url.pathname, copy));
    }
    return response;
  }).catch(() => offlineCopy(url));
}

function offlineCopy(url) {
  // The app's start URL "/" opens the participant's plan when there is no network.
  const path = url.pathname === '/' ? '/min-planering' : url.pathname;
  return caches.open(PAGE_CACHE)
    .then((cache) => cache.match(path))
    .then((cached) => cached ? markOffline(cached) : offlinePage());
}

/** The "no network" page in the language of the last page seen. */
function offlinePage() {
  return caches.open(SHELL_CACHE).then((cache) => cache.match('/sprak')
    .then((saved) => saved ? saved.text() : 'sv')
    .then((lang) => cache.match('/utan-nat?sprak=' + (/^(sv|en|ar)$/.test(lang) ? lang : 'sv'))));
}

/** Marks the saved page so that it shows when it was last updated and hides what needs a network. */
function markOffline(response) {
  return response.text().then((html) => new Response(
    html.replace('<html ', '<html data-offline="true" '),
    { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
}
