// AskFirst: progressive enhancement. Every form works without this file; with it,
// answers save as the family types and nothing typed is lost on the way.
(function () {
  "use strict";

  var DRAFT_PREFIX = "askfirst:draft:";
  var RETRY_MAX_MS = 30000;

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function autosaveBox(el) {
    return el && el.closest ? el.closest("[data-autosave]") : null;
  }

  function draftKey(box) {
    return DRAFT_PREFIX + box.getAttribute("data-draft");
  }

  function values(box) {
    var out = {};
    box.querySelectorAll("input[name], textarea[name]").forEach(function (input) {
      if (input.type === "checkbox") out[input.name] = input.checked;
      else if (input.type === "radio") { if (input.checked) out[input.name] = input.value; }
      else out[input.name] = input.value;
    });
    return out;
  }

  function restore(box, saved) {
    box.querySelectorAll("input[name], textarea[name]").forEach(function (input) {
      if (!(input.name in saved)) return;
      if (input.type === "checkbox") input.checked = !!saved[input.name];
      else if (input.type === "radio") input.checked = saved[input.name] === input.value;
      else input.value = saved[input.name];
    });
  }

  function stateText(box, text, kind) {
    var region = box.querySelector(".save-state");
    var p = region.querySelector("p.state");
    if (!p) {
      p = document.createElement("p");
      region.appendChild(p);
    }
    p.className = "state " + kind;
    p.textContent = text;
  }

  function t(name) {
    return document.body.getAttribute("data-msg-" + name) || name;
  }

  // Keep a copy of unsent text on this device, so a reload, Back, a crash or a dead
  // connection loses nothing. It is dropped once the server has the same text.
  function keepDraft(box) {
    var s = store();
    box.askfirstEdits = (box.askfirstEdits || 0) + 1;
    if (s) {
      try { s.setItem(draftKey(box), JSON.stringify(values(box))); } catch (e) { /* full */ }
    }
  }

  function dropDraft(box) {
    var s = store();
    if (s) s.removeItem(draftKey(box));
  }

  function scheduleRetry(box) {
    box.askfirstRetryMs = Math.min((box.askfirstRetryMs || 1000) * 2, RETRY_MAX_MS);
    clearTimeout(box.askfirstTimer);
    box.askfirstTimer = setTimeout(function () { htmx.trigger(box, "retry"); }, box.askfirstRetryMs);
  }

  function retryAll() {
    document.querySelectorAll("[data-autosave].unsaved").forEach(function (box) {
      box.askfirstRetryMs = 500;
      scheduleRetry(box);
    });
  }

  // A star marks a question to ask first: starring one ticks it, unticking one takes its star
  // off. Before the draft is kept and the save is sent (capture), so both go with it. The
  // server keeps the first rule too, for pages sent without this file.
  document.addEventListener("input", function (event) {
    var box = autosaveBox(event.target);
    if (!box || event.target.type !== "checkbox") return;
    var ask = box.querySelector("input[name='" + box.id + "-included']");
    var star = box.querySelector("input[name='" + box.id + "-starred']");
    if (!ask || !star) return;
    if (event.target === star && star.checked) ask.checked = true;
    if (event.target === ask && !ask.checked) star.checked = false;
  }, true);

  document.addEventListener("input", function (event) {
    var box = autosaveBox(event.target);
    if (!box) return;
    box.classList.add("unsaved");
    keepDraft(box);
    stateText(box, t("pending"), "pending");
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-autosave]")) return;
    box.askfirstSent = box.askfirstEdits || 0;
  });

  // A message the server put next to a field also describes the field to screen readers.
  function describeErrors(box) {
    box.querySelectorAll("p.error[id$='_error']").forEach(function (message) {
      var field = document.getElementById(message.id.slice(0, -"_error".length));
      if (!field) return;
      var ids = (field.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== message.id;
      });
      if (message.textContent.trim()) {
        ids.push(message.id);
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
      if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
      else field.removeAttribute("aria-describedby");
    });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var box = autosaveBox(event.target);
    if (box) describeErrors(box);
  });

  // A save rates an answer itself ("Answered" once one is written). That never undoes a
  // rating the family chose while the save was on its way: their own save follows.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var shown = event.detail.target;
    if (!shown.matches("fieldset.rating")) return;
    var checked = shown.querySelector("input:checked");
    if (checked && checked.value !== "not_asked" && checked.value !== "answered") {
      event.detail.shouldSwap = false;
    }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var box = event.target;
    if (box.askfirstChosen) event.detail.parameters[box.askfirstChosen.name] = box.askfirstChosen.value;
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-autosave]")) return;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (event.detail.successful) {
      box.askfirstRetryMs = 0;
      if (box.querySelector(".state.saved")) box.askfirstChosen = null;
      if (box.querySelector(".state.saved") && (box.askfirstEdits || 0) === box.askfirstSent) {
        box.classList.remove("unsaved");
        dropDraft(box);
      }
      return;
    }
    if (status === 404) {
      stateText(box, t("gone"), "error");
    } else if (status === 403) {
      stateText(box, t("reload"), "error");
    } else {
      stateText(box, t("retrying"), "retrying");
      scheduleRetry(box);
    }
  });

  window.addEventListener("online", retryAll);
  window.addEventListener("online", function () {
    // The service worker checks that the checklists it keeps still exist.
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ online: true });
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) return;
    if (target.hasAttribute("data-use-other") || target.hasAttribute("data-keep-mine")) {
      // Settle a conflict in place: the chosen version is saved on top of the other device's
      // (this page now names its revision), and the family stays where they were.
      event.preventDefault();
      var box = autosaveBox(target);
      var other = box.querySelector("[data-conflict]");
      if (target.hasAttribute("data-use-other")) {
        var prefix = box.id + "-";
        var saved = {};
        ["response", "notes", "rating", "own_question"].forEach(function (name) {
          saved[prefix + name] = other.getAttribute("data-" + name);
        });
        ["included", "starred", "done", "warning_heard"].forEach(function (name) {
          saved[prefix + name] = other.getAttribute("data-" + name) === "1";
        });
        var costs = JSON.parse(other.getAttribute("data-costs") || "{}");
        Object.keys(costs).forEach(function (name) { saved[prefix + name] = costs[name]; });
        restore(box, saved);
      }
      var revision = box.querySelector("input[name$='-revision']");
      revision.value = target.getAttribute("data-revision") || target.value;
      // A save already on its way (the tap on this button ends the typing) comes back with
      // the old revision; the family's choice holds until a save goes through.
      box.askfirstChosen = { name: revision.name, value: revision.value };
      keepDraft(box);
      stateText(box, t("pending"), "pending");
      // The buttons go away with the conflict: focus the text the family just chose.
      var chosen = Array.prototype.find.call(
        box.querySelectorAll("textarea, input[type='text']"),
        function (input) { return input.offsetParent !== null; });
      if (chosen) chosen.focus();
      other.remove();
      htmx.trigger(box, "retry");
    } else if (target.hasAttribute("data-copy-target")) {
      var field = document.getElementById(target.getAttribute("data-copy-target"));
      navigator.clipboard.writeText(field.value).then(function () {
        target.parentNode.querySelector(".copied").textContent = target.getAttribute("data-copied");
      });
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-offline-guard") && navigator.onLine === false) {
      // A page sent while offline would be lost to an error page; the drafts are kept.
      event.preventDefault();
      var note = form.querySelector(".offline-note");
      note.hidden = false;
      return;
    }
    var forget = form.getAttribute("data-forget-drafts");
    if (forget !== null) {
      var s = store();
      if (s) {
        Object.keys(s).forEach(function (key) {
          if (key.indexOf(DRAFT_PREFIX + forget) === 0) s.removeItem(key);
        });
      }
    }
    // Pages of a deleted checklist, an old link or a forgotten device are not kept for
    // offline reading either.
    var pages = form.getAttribute("data-forget-pages");
    if (pages !== null && navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ forget: pages });
    }
  });

  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* works without it */ });
    });
  }

  // "Share the PDF": the phone's share sheet, where it can share a file. The file is fetched
  // as soon as the button appears, because a share must start right in the tap.
  function offerShare(button) {
    if (!navigator.canShare || !window.fetch || !window.File) return;
    fetch(button.getAttribute("data-share-file"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.blob() : null; })
      .then(function (blob) {
        if (!blob || blob.type !== "application/pdf") return;
        var file = new File([blob], button.getAttribute("data-share-name"), { type: "application/pdf" });
        if (!navigator.canShare({ files: [file] })) return;
        button.hidden = false;
        button.addEventListener("click", function () {
          navigator.share({ files: [file] }).catch(function () { /* closed by the family */ });
        });
      })
      .catch(function () { /* the download link is still there */ });
  }

  // Buttons that only work with JavaScript, on the page and in every htmx swap.
  htmx.onLoad(function (content) {
    content.querySelectorAll("[data-share-file]").forEach(offerShare);
    content.querySelectorAll("[data-copy-target]").forEach(function (button) {
      if (navigator.clipboard) button.hidden = false;
    });
    content.querySelectorAll("[data-use-other]").forEach(function (button) {
      button.hidden = false;
    });
  });

  // ---- Show password ---------------------------------------------------------------------
  // A "Show password" tick under the password boxes of an account form (its words are in
  // data-show-password), so a person can check what they typed before sending it.
  htmx.onLoad(function (content) {
    content.querySelectorAll("form[data-show-password]").forEach(function (form) {
      var boxes = form.querySelectorAll("input[type='password']");
      if (!boxes.length) return;
      var tick = document.createElement("input");
      tick.type = "checkbox";
      var label = document.createElement("label");
      label.className = "toggle";
      label.append(tick, " " + form.getAttribute("data-show-password"));
      var field = document.createElement("div");
      field.className = "field";
      field.appendChild(label);
      boxes[boxes.length - 1].closest(".field").after(field);
      boxes.forEach(function (box) {
        // Shown as text, a password must not be "corrected" by the phone's keyboard.
        box.setAttribute("autocapitalize", "none");
        box.setAttribute("autocorrect", "off");
        box.setAttribute("spellcheck", "false");
      });
      tick.addEventListener("change", function () {
        boxes.forEach(function (box) { box.type = tick.checked ? "text" : "password"; });
      });
      // Sent as passwords, so the browser still offers to remember them.
      form.addEventListener("submit", function () {
        tick.checked = false;
        boxes.forEach(function (box) { box.type = "password"; });
      });
    });
  });
  // ---- End of show password --------------------------------------------------------------

  // ---- The private link and offline ----------------------------------------------------
  // Sharing the private link with the phone's share sheet; calm words while offline; every
  // page of a checklist kept for reading offline; the offline page's list of what is kept.

  var PAGES_CACHE = "askfirst-pages";  // the service worker's name for its kept pages

  function offline() { return navigator.onLine === false; }

  function worker() {
    return navigator.serviceWorker ? navigator.serviceWorker.controller : null;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-share-target]") : null;
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-share-target"));
    navigator.share({ title: button.getAttribute("data-share-title"), url: field.value })
      .catch(function () { /* the family closed the share sheet */ });
  });

  htmx.onLoad(function (content) {
    content.querySelectorAll("[data-share-target]").forEach(function (button) {
      if (typeof navigator.share === "function") button.hidden = false;
    });
  });

  // Offline, what the family types is kept on this phone and sent when the connection is
  // back (retryAll above): nothing is wrong, so the words say so. These run after the
  // listeners above; an error from the server still reads "Not saved yet - retrying".
  document.addEventListener("input", function (event) {
    var box = autosaveBox(event.target);
    if (box && offline()) stateText(box, t("offline"), "offline");
  });

  // The copies of this page and of the review kept for offline reading were made before the
  // family changed anything here: ask for new ones once the typing stops, or as the family
  // leaves the page (a page sent with Next or Back is saved by then).
  var refreshTimer = null;
  var changed = false;
  document.addEventListener("htmx:afterRequest", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("fieldset[data-autosave]")) return;
    if (!event.detail.successful && offline()) {
      stateText(box, t("offline"), "offline");
    } else if (event.detail.successful) {
      changed = true;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(refreshCopies, 3000);
    }
  });
  document.addEventListener("submit", function () { changed = true; });
  window.addEventListener("pagehide", function () { if (changed) refreshCopies(); });

  function refreshCopies() {
    var checklist = document.body.getAttribute("data-offline-copy");
    clearTimeout(refreshTimer);
    changed = false;
    if (checklist && worker() && !offline()) {
      worker().postMessage({ refresh: [location.pathname, checklist + "review/"] });
    }
  }

  function keepForOffline() {
    var checklist = document.body.getAttribute("data-offline-copy");
    if (checklist && worker() && !offline()) worker().postMessage({ keep: checklist });
  }

  keepForOffline();
  window.addEventListener("online", keepForOffline);
  if (navigator.serviceWorker) {
    // On a first visit the worker starts looking after the page only once it is installed.
    navigator.serviceWorker.addEventListener("controllerchange", keepForOffline);
  }

  // The offline page lists the checklists kept on this phone, by the name each kept page
  // carries, the one changed last first (as the landing page offers it).
  function listKept(list) {
    if (!window.caches) return;
    caches.has(PAGES_CACHE).then(function (found) {
      if (!found) return [];
      return caches.open(PAGES_CACHE).then(function (cache) {
        return cache.keys().then(function (requests) {
          var first = {};
          requests.forEach(function (request) {
            var path = new URL(request.url).pathname;
            var checklist = path.split("/").slice(0, 3).join("/") + "/";
            if (!first[checklist] || path === checklist) first[checklist] = request;
          });
          return Promise.all(Object.keys(first).map(function (checklist) {
            return cache.match(first[checklist]).then(function (response) {
              return response.text().then(function (html) {
                // Only the body's own tag: parsing the whole page would meet its inline
                // stylesheet, whose nonce is not this page's (a CSP error in the console).
                var tag = (html.match(/<body[^>]*>/) || ["<body>"])[0];
                var page = new DOMParser().parseFromString(tag, "text/html");
                return {
                  url: new URL(first[checklist].url).pathname,
                  name: page.body.getAttribute("data-offline-name"),
                  changed: Date.parse(page.body.getAttribute("data-offline-changed")) || 0,
                };
              });
            });
          }));
        });
      });
    }).then(function (kept) {
      kept = kept.filter(function (item) { return item.name; });
      kept.sort(function (a, b) { return b.changed - a.changed; });
      var ul = list.querySelector("ul");
      kept.forEach(function (item) {
        var a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.name;
        var li = document.createElement("li");
        li.appendChild(a);
        ul.appendChild(li);
      });
      list.hidden = kept.length === 0;
    }).catch(function () { /* nothing to list */ });
  }

  var keptList = document.querySelector("[data-kept-list]");
  if (keptList) listKept(keptList);
  // ---- End of the private link and offline ----------------------------------------------

  function start() {
    // Take the family straight to what needs fixing after a form came back with errors.
    var summary = document.querySelector("[data-focus]");
    if (summary) summary.focus();
    var s = store();
    if (!s) return;
    // Text typed on an earlier visit that never reached the server: put it back and send it.
    document.querySelectorAll("[data-autosave]").forEach(function (box) {
      var raw = s.getItem(draftKey(box));
      if (!raw) return;
      var draft;
      try { draft = JSON.parse(raw); } catch (e) { dropDraft(box); return; }
      if (JSON.stringify(draft) === JSON.stringify(values(box))) { dropDraft(box); return; }
      restore(box, draft);
      box.classList.add("unsaved");
      box.askfirstEdits = 1;
      stateText(box, t("pending"), "pending");
      htmx.trigger(box, "retry");
    });
  }

  // After htmx has set up the page (it starts on DOMContentLoaded, and this deferred
  // script runs just before that event), so that the resent drafts reach it.
  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
