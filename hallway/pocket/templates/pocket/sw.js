/* Hallway's service worker (served at /sw.js so its scope is the whole site).

   One rule per kind of request:
   - Static files (/static/…): cache-first. Their names carry a hash of their content, so a
     kept copy is never stale; the app's own files are kept at install ("precache").
   - Pages: network-first (given up after {{ timeout_ms }} ms), each answer kept in the user's
     cache. With no network: live screens (/live/…, /app/start/) open the live app shell,
     which draws them from the offline snapshot plus what waits in the queue; any other page
     opens its kept copy, else the shell (people's stories come from the snapshot).
   - API reads (GET /api/v1/…): network-first, the kept copy offline.
   - Writes (POST, PATCH, …) are never touched here: the page queues them (queue.js) and
     sends them with idempotency keys when the network is back.
   What belongs to the logged-in user lives in one cache, "hallway-user"; the pages empty it
   on log out and whenever a different user (or nobody) shows up (pocket/pwa.js). */
"use strict";
var VERSION = "{{ version }}";
var STATIC_CACHE = "hallway-static-" + VERSION;
var USER_CACHE = "hallway-user";
var SHELL = "{{ shell_url }}";
var PRECACHE = {{ precache|safe }};
var LIVE_PREFIXES = {{ live_prefixes|safe }};
var TIMEOUT_MS = {{ timeout_ms }};
var NOTHING_SAVED = "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width, initial-scale=1'>" +
  "<title>Offline · Hallway</title><body style='font-family:system-ui;padding:1rem'><h1>You are offline</h1>" +
  "<p>Nothing of Hallway is saved on this phone yet. Open it once with a connection (and log in); after that it opens with no signal.</p></body></html>";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) { return cache.addAll(PRECACHE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("hallway-static-") === 0 && key !== STATIC_CACHE; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function network(request, timeout) {
  return new Promise(function (resolve, reject) {
    var timer = timeout ? setTimeout(function () { reject(new Error("timeout")); }, timeout) : 0;
    fetch(request).then(function (response) { clearTimeout(timer); resolve(response); },
                        function (error) { clearTimeout(timer); reject(error); });
  });
}
function keep(cacheName, key, response) {
  if (!response || !response.ok || response.type !== "basic" || response.redirected) return Promise.resolve();
  var copy = response.clone();
  return caches.open(cacheName).then(function (cache) { return cache.put(key, copy); });
}
function pageKey(url) { return url.origin + url.pathname + url.search; }
function isLive(url) {
  return LIVE_PREFIXES.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; });
}

function staticFile(event) {
  return caches.match(event.request, { ignoreVary: true }).then(function (cached) {
    if (cached) return cached;
    return fetch(event.request).then(function (response) {
      event.waitUntil(keep(STATIC_CACHE, event.request, response));
      return response;
    });
  });
}

// A kept page, marked so the page knows it is not live (it shows "Offline — as of …").
function offlinePage(url) {
  return caches.open(USER_CACHE).then(function (cache) {
    var copy = isLive(url) ? Promise.resolve(null) : cache.match(pageKey(url), { ignoreVary: true });
    return copy.then(function (response) {
      if (response) return [response, "copy"];
      return cache.match(new URL(SHELL, url).href, { ignoreVary: true }).then(function (shell) { return [shell, "shell"]; });
    });
  }).then(function (found) {
    if (!found[0]) return new Response(NOTHING_SAVED, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    // The copy keeps the page's Content-Security-Policy: a kept page is as locked down as a live one.
    var headers = { "Content-Type": "text/html; charset=utf-8" };
    var policy = found[0].headers.get("Content-Security-Policy");
    if (policy) headers["Content-Security-Policy"] = policy;
    return found[0].text().then(function (html) {
      return new Response(html.replace("<body ", '<body data-offline="' + found[1] + '" '),
                          { status: 200, headers: headers });
    });
  });
}

function page(event) {
  var url = new URL(event.request.url);
  return network(event.request, TIMEOUT_MS).then(function (response) {
    event.waitUntil(keep(USER_CACHE, pageKey(url), response));
    return response;
  }, function () { return offlinePage(url); });
}

function apiRead(event) {
  var url = new URL(event.request.url);
  return network(event.request, TIMEOUT_MS).then(function (response) {
    event.waitUntil(keep(USER_CACHE, pageKey(url), response));
    return response;
  }, function () {
    return caches.open(USER_CACHE).then(function (cache) { return cache.match(pageKey(url), { ignoreVary: true }); })
      .then(function (kept) {
        return kept || new Response(JSON.stringify({ detail: "Offline, and not saved on this phone." }),
                                    { status: 503, headers: { "Content-Type": "application/json" } });
      });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("{{ static_url }}") === 0) { event.respondWith(staticFile(event)); return; }
  if (request.mode === "navigate") { event.respondWith(page(event)); return; }
  if (url.pathname.indexOf("/api/v1/") === 0 && request.headers.get("Accept") !== "text/event-stream") {
    event.respondWith(apiRead(event));
  }
});

// A log-out empties the user's cache at once (the page does it too).
self.addEventListener("message", function (event) {
  if ((event.data || {}).type === "logout") event.waitUntil(caches.delete(USER_CACHE));
});
