/**
 * The phone page's service worker, served at /p/sw.js (scope /p/). Service workers exist
 * only in secure contexts (https, or localhost over USB), never on a plain-http LAN
 * address, where the page does not register it.
 *
 * - Keeps the page shell (the HTML, its scripts, styles and icons) for when the network is
 *   down: pages network first, static files cache first once seen.
 * - Receives .vcf files shared to the installed app (manifest share_target): stores the
 *   file in Cache Storage and answers 303 → /p/share, which reads it back
 *   (src/renderer/phone/shared-file.ts uses the same names).
 */
const shellCache = 'amo-phonebook-shell-v1';
const shareCache = 'amo-phonebook-share';
const sharedFileUrl = '/p/shared-file';
const sharedFileNameHeader = 'x-file-name';
const shellUrl = '/p/share';
const precache = [shellUrl, '/p/app/manifest.webmanifest', '/p/app/icon-192.png', '/p/app/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(shellCache)
      .then((cache) => cache.addAll(precache))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('amo-phonebook-shell-') && name !== shellCache)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/p/share') {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/p/')) {
    event.respondWith(pageNetworkFirst(request));
    return;
  }
  // The page's built files (/assets/…, or /p/assets/…) and its icons: named by content hash, so cache first.
  if (/\/assets\//.test(url.pathname) || url.pathname.startsWith('/p/app/')) {
    event.respondWith(staticCacheFirst(request));
  }
});

async function receiveShare(request) {
  try {
    const form = await request.formData();
    const file = form.getAll('vcf').find((value) => typeof value === 'object' && value !== null);
    const cache = await caches.open(shareCache);
    if (file) {
      const headers = new Headers({ 'content-type': 'text/vcard' });
      headers.set(sharedFileNameHeader, encodeURIComponent(file.name || 'contacts.vcf'));
      await cache.put(sharedFileUrl, new Response(await file.arrayBuffer(), { headers }));
    } else {
      await cache.delete(sharedFileUrl);
    }
  } catch (error) {
    console.warn('The shared file could not be stored:', error);
  }
  return Response.redirect(shellUrl, 303);
}

async function pageNetworkFirst(request) {
  const cache = await caches.open(shellCache);
  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).pathname === shellUrl) await cache.put(shellUrl, response.clone());
    return response;
  } catch (error) {
    // Offline: every /p/ page is the same HTML (it reads its route from the address).
    const cached = await cache.match(shellUrl);
    if (cached) return cached;
    throw error;
  }
}

async function staticCacheFirst(request) {
  const cache = await caches.open(shellCache);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
