{% load static %}// AskFirst service worker: the app shell and the checklists opened on this device stay
// readable with no connection. Answers typed offline are kept by the page itself
// (askfirst.js) and sent when the connection returns; nothing here posts anything.
"use strict";

var SHELL = "askfirst-shell-{{ version }}";
var PAGES = "askfirst-pages";
var SHELL_FILES = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(SHELL_FILES); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("askfirst-shell-") === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }).then(checkKept));
});

function isChecklistPage(url) {
  return /^\/c\/[A-Za-z0-9_-]{43}\/(s\/\d+\/|review\/)?$/.test(url.pathname);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;

  if (url.pathname.indexOf("{% get_static_prefix %}") === 0) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  if (request.mode !== "navigate") return;

  // Pages: always the network first, so nothing shown is older than it must be. A copy of a
  // checklist page is kept on this device only so that it can be read offline.
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && isChecklistPage(url)) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGES).then(function (cache) { return store(cache, request, copy); }));
    } else if (response.status === 404 && isChecklistPage(url)) {
      forget(checklistOf(url.pathname));
    }
    event.waitUntil(checkKept());
    return response;
  }).catch(function () {
    // ignoreVary: see `store`.
    return caches.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || caches.match("{% url 'checklist:offline' %}");
    });
  }));
});

function checklistOf(pathname) {
  return pathname.split("/").slice(0, 3).join("/") + "/";
}

// A checklist kept here may have been deleted, or given a new link, on another device or by
// the server's clean-up. Whenever the phone is online, ask (HEAD, nothing shown) whether each
// one still opens, and drop the copies of those that do not: a page of a checklist that is
// gone is never shown offline. At most once a minute.
var lastCheck = 0;
function checkKept() {
  if (Date.now() - lastCheck < 60000) return Promise.resolve();
  lastCheck = Date.now();
  return caches.open(PAGES).then(function (cache) {
    return cache.keys();
  }).then(function (requests) {
    var kept = {};
    requests.forEach(function (request) { kept[checklistOf(new URL(request.url).pathname)] = true; });
    return Promise.all(Object.keys(kept).map(function (prefix) {
      return fetch(prefix, { method: "HEAD", cache: "no-store", credentials: "same-origin" })
        .then(function (response) { if (response.status === 404) return forget(prefix); })
        .catch(function () { /* offline: keep it until the answer is known */ });
    }));
  });
}

function forget(prefix) {
  return caches.open(PAGES).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (request) {
        return prefix === "" || new URL(request.url).pathname.indexOf(prefix) === 0;
      }).map(function (request) { return cache.delete(request); }));
    });
  });
}

// Every page of a checklist is kept as soon as one of them is opened online, so that each
// section can be read offline even if the family never opened it on this phone. The
// overview links to all of them. Pages already kept are left alone: the family's own
// navigation keeps those fresh, and the page asks for a fresh copy after each change it
// saves (`refresh`); only the overview is asked for again, at most once a minute, as a new
// version of the guide may bring new sections.
var FRESH_MS = 60000;

function keep(prefix) {
  if (!/^\/c\/[A-Za-z0-9_-]{43}\/$/.test(prefix)) return Promise.resolve();
  return caches.open(PAGES).then(function (cache) {
    return cache.match(prefix, { ignoreVary: true }).then(function (hit) {
      var age = hit ? Date.now() - Date.parse(hit.headers.get("Date")) : Infinity;
      return age < FRESH_MS ? hit : copy(cache, prefix);
    }).then(function (overview) {
      return overview.text();
    }).then(function (html) {
      var links = new RegExp('href="(' + prefix + '(?:s/\\d+/|review/))"', "g");
      var pages = {};
      var found;
      while ((found = links.exec(html)) !== null) pages[found[1]] = true;
      return Promise.all(Object.keys(pages).map(function (url) {
        return cache.match(url, { ignoreVary: true }).then(function (hit) {
          // A phone's connection drops a request now and then: one failed copy is tried
          // again, or that page would wait for the next visit to be kept.
          return hit || copy(cache, url).catch(function (error) {
            if (error.message === "gone") throw error;
            return copy(cache, url);
          });
        });
      }));
    });
  }).catch(function () { /* offline, or the checklist is gone: nothing more to keep */ });
}

function copy(cache, url) {
  return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
    if (response.status === 404) {
      return forget(checklistOf(url)).then(function () { throw new Error("gone"); });
    }
    if (!response.ok) throw new Error(String(response.status));
    return store(cache, url, response.clone()).then(function () { return response; });
  });
}

// One copy per address, whoever made it, and never a moment without one (a phone may go
// offline at any time): each copy is put under the bare address, which replaces the one
// before in one step, and looked up ignoring Vary. Copies that earlier versions kept under
// the browser's own request (with its Accept-Language, which the pages vary on) go after.
function store(cache, request, response) {
  var url = typeof request === "string" ? request : request.url;
  return cache.put(new Request(url), response).then(function () {
    return cache.keys(url, { ignoreVary: true });
  }).then(function (requests) {
    return Promise.all(requests.filter(function (old) {
      return old.headers.has("Accept-Language");
    }).map(function (old) { return cache.delete(old); }));
  });
}

function refresh(urls) {
  return caches.open(PAGES).then(function (cache) {
    return Promise.all(urls.filter(function (url) {
      return isChecklistPage(new URL(url, self.location.origin));
    }).map(function (url) {
      return copy(cache, url).catch(function () { /* the copy kept stays until the next */ });
    }));
  });
}

// The page says when a checklist is deleted, its link replaced, or the device forgotten, and
// when the connection is back; which checklist it shows, and what it has just saved.
self.addEventListener("message", function (event) {
  if (!event.data) return;
  if (typeof event.data.forget === "string") event.waitUntil(forget(event.data.forget));
  if (typeof event.data.keep === "string") event.waitUntil(keep(event.data.keep));
  if (Array.isArray(event.data.refresh)) event.waitUntil(refresh(event.data.refresh));
  if (event.data.online) {
    lastCheck = 0;
    event.waitUntil(checkKept());
  }
});
