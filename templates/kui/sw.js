// kui's service worker (kui/pwa.py). It keeps the offline page and what that
// page needs, nothing else: no case file is ever kept on the device, and a
// page that cannot be fetched is answered with the honest offline page.
"use strict";
var CACHE = "kui-offline-{{ version }}";
var OFFLINE_URL = "{{ offline_url|escapejs }}";
var FILES = [{% for file in files %}"{{ file|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll(FILES); }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("kui-offline-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.mode === "navigate") {
    // Always the network; only when there is none, the offline page.
    event.respondWith(fetch(request).catch(function () {
      return caches.match(OFFLINE_URL, { ignoreVary: true });
    }));
    return;
  }
  var url = new URL(request.url);
  if (request.method === "GET" && url.origin === self.location.origin && FILES.indexOf(url.pathname) !== -1) {
    // The offline page's own style sheets and icon, from the network when it answers.
    event.respondWith(fetch(request).catch(function () {
      return caches.match(request, { ignoreVary: true });
    }));
  }
  // Everything else goes to the network untouched (and fails honestly without one).
});
