// The installable app on the phone: the service worker (kui/pwa.py) and the
// offline queue for contacts.
//
// With no network, a contact form marked data-offline-contact is not lost:
// what was typed waits in this device's localStorage, under a name of its
// own per user and encrypted (AES-GCM) with the user's offline key, which
// only that user's signed-in pages carry. Another person signing in on the
// same device can neither see nor read it; logging out deletes it (here, and
// the server's Clear-Site-Data header). It is shown as waiting for network
// and sent when the network is back, to the sync address named on the form.
// Each contact carries the key its form was given (client_key): sent twice,
// it is saved once (youths/services.py contact_log).
(function () {
  "use strict";
  var body = document.body;

  if ("serviceWorker" in navigator && body.getAttribute("data-service-worker")) {
    navigator.serviceWorker.register(body.getAttribute("data-service-worker"), { scope: "/" }).catch(function () {
      /* without a worker the site works as before; only the offline page is missing */
    });
  }

  var user = body.getAttribute("data-user");
  var rawKey = body.getAttribute("data-offline-key");
  var box = document.getElementById("offline-queue");
  if (!user || !box) { return; }
  var STORE = "kui-offline:" + user;
  var canQueue = !!(window.crypto && window.crypto.subtle && rawKey && window.localStorage && window.TextEncoder);
  var ZERO = "00000000-0000-0000-0000-000000000000";

  function text(name) { return box.getAttribute("data-text-" + name) || ""; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return values[key] || ""; });
  }
  function announce(message) {
    var live = document.getElementById("live-region");
    if (live) { live.textContent = message; }
  }
  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // --- The encrypted store ---------------------------------------------------
  var keyPromise = null;
  function cryptoKey() {
    if (!keyPromise) {
      var raw = Uint8Array.from(window.atob(rawKey), function (c) { return c.charCodeAt(0); });
      keyPromise = window.crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    }
    return keyPromise;
  }
  function toBase64(buffer) {
    return window.btoa(String.fromCharCode.apply(null, new Uint8Array(buffer)));
  }
  function fromBase64(value) {
    return Uint8Array.from(window.atob(value), function (c) { return c.charCodeAt(0); });
  }
  function load() {
    if (!canQueue) { return Promise.resolve([]); }
    var sealed;
    try { sealed = JSON.parse(window.localStorage.getItem(STORE) || "null"); } catch (error) { sealed = null; }
    if (!sealed) { return Promise.resolve([]); }
    return cryptoKey().then(function (key) {
      return window.crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(sealed.iv) }, key, fromBase64(sealed.data));
    }).then(function (plain) {
      return JSON.parse(new TextDecoder().decode(plain));
    }).catch(function () {
      return [];  // not this key's (the server's secret changed): unreadable, so nothing to send
    });
  }
  function store(entries) {
    if (!entries.length) { window.localStorage.removeItem(STORE); return Promise.resolve(); }
    var iv = window.crypto.getRandomValues(new Uint8Array(12));
    return cryptoKey().then(function (key) {
      var plain = new TextEncoder().encode(JSON.stringify(entries));
      return window.crypto.subtle.encrypt({ name: "AES-GCM", iv: iv }, key, plain);
    }).then(function (data) {
      window.localStorage.setItem(STORE, JSON.stringify({ iv: toBase64(iv), data: toBase64(data) }));
    });
  }
  // Changes run one after the other, so a send and a new contact never overwrite each other.
  var pending = Promise.resolve();
  function change(edit) {
    pending = pending.then(function () {
      return load().then(function (entries) {
        var changed = edit(entries) || entries;
        return store(changed).then(function () { return changed; });
      });
    });
    return pending;
  }

  // --- What waits, shown on every page ---------------------------------------
  function describe(entry) {
    if (entry.message) { return entry.message; }
    var time = (entry.when || "").slice(11, 16);
    return entry.name ? fill(text("waiting"), { name: entry.name, time: time })
      : fill(text("waiting-unnamed"), { time: time });
  }
  function render(entries) {
    var list = box.querySelector(".offline-queue-list");
    list.textContent = "";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.className = "offline-queue-item d-flex flex-wrap align-items-center gap-2 state-" + entry.state;
      item.setAttribute("data-client-key", entry.key);
      var words = document.createElement("span");
      words.textContent = describe(entry);
      item.appendChild(words);
      if (entry.state === "failed") {
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn btn-outline-danger btn-sm offline-remove";
        remove.setAttribute("data-client-key", entry.key);
        remove.textContent = text("remove");
        item.appendChild(remove);
      }
      list.appendChild(item);
    });
    box.hidden = entries.length === 0;
    // The note where the contact was typed follows its entry.
    document.querySelectorAll(".offline-waiting[data-client-key]").forEach(function (note) {
      var entry = entries.filter(function (e) { return e.key === note.getAttribute("data-client-key"); })[0];
      if (entry) { note.textContent = describe(entry); }
    });
  }
  box.addEventListener("click", function (event) {
    var button = event.target.closest(".offline-remove");
    if (!button || !window.confirm(text("remove-confirm"))) { return; }
    var key = button.getAttribute("data-client-key");
    change(function (entries) { return entries.filter(function (e) { return e.key !== key; }); }).then(render);
  });

  // --- Keeping a contact typed without a network ------------------------------
  function noteFor(form, key) {
    var note = document.createElement("p");
    note.className = "offline-waiting small mb-1";
    note.setAttribute("tabindex", "-1");
    note.setAttribute("data-client-key", key);
    var anchor = form.closest("details") || form;
    anchor.parentNode.insertBefore(note, anchor);
    return note;
  }
  function keep(form) {
    if (!canQueue) {
      var refusal = noteFor(form, "");
      refusal.textContent = text("no-storage");
      refusal.focus();
      announce(refusal.textContent);
      return;
    }
    var keyField = form.querySelector("input[name=client_key]");
    if (keyField && !keyField.value) { keyField.value = newKey(); }
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") { fields.push([name, value]); }
    });
    var when = form.querySelector("input[name=happened_at]");
    var entry = {
      key: keyField ? keyField.value : newKey(),
      url: form.getAttribute("data-offline-contact"),
      name: form.getAttribute("data-offline-name") || "",
      when: when ? when.value : "",
      fields: fields,
      state: "waiting",
    };
    change(function (entries) {
      if (!entries.some(function (e) { return e.key === entry.key; })) { entries.push(entry); }
      return entries;
    }).then(function (entries) {
      // The typed contact is kept: the form starts afresh, with a key of its own.
      var draft = form.getAttribute("data-draft");
      if (draft) { try { window.sessionStorage.removeItem("kui-draft:" + draft); } catch (error) { /* none */ } }
      form.reset();
      if (keyField) { keyField.value = newKey(); }
      var details = form.closest("details");
      if (details) { details.open = false; }
      var note = noteFor(form, entry.key);
      render(entries);
      note.focus({ preventScroll: true });
      note.scrollIntoView({ block: "nearest" });
      announce(note.textContent);
    });
  }
  // Offline: catch the submit before htmx does (capturing, on the document).
  document.addEventListener("submit", function (event) {
    var form = event.target.closest && event.target.closest("form[data-offline-contact]");
    if (!form || navigator.onLine) { return; }
    event.preventDefault();
    event.stopPropagation();
    keep(form);
  }, true);
  // "Online" but the request never arrived (a dead connection): keep it as well.
  document.addEventListener("htmx:sendError", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.matches && elt.matches("form[data-offline-contact]")) { keep(elt); return; }
    // A board row's "Log contact" could not fetch its form: use the page's blank one.
    var opener = elt && elt.closest && elt.closest("details[data-draft-opener]");
    var template = document.getElementById("offline-contact-form");
    if (!opener || !template) { return; }
    var found = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(opener.getAttribute("hx-get") || "");
    var target = opener.querySelector(".quick-contact-body");
    if (!found || !target) { return; }
    var youth = found[0];
    var html = template.innerHTML.split(ZERO).join(youth).split("id_00000000_").join("id_" + youth.replace(/-/g, "").slice(0, 8) + "_");
    target.innerHTML = html;
    var form = target.querySelector("form");
    var label = opener.querySelector("summary .visually-hidden");
    if (form) {
      form.setAttribute("data-offline-name", label ? label.textContent.replace(/^\s*[–-]\s*/, "").trim() : "");
      var keyField = form.querySelector("input[name=client_key]");
      if (keyField) { keyField.value = newKey(); }
      form.setAttribute("data-draft", "contact:" + youth);
      if (window.htmx) { window.htmx.process(form); }
    }
  });

  // --- Sending when the network is back ---------------------------------------
  function csrfToken() {
    try { return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (error) { return ""; }
  }
  function update(key, edit) {
    return change(function (entries) {
      return entries.map(function (e) { return e.key === key ? edit(e) : e; }).filter(Boolean);
    });
  }
  function sendOne(entry) {
    var data = new FormData();
    entry.fields.forEach(function (pair) { data.append(pair[0], pair[1]); });
    return fetch(entry.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      // HX-Request: an expired session is answered 401, never the login page.
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true", "HX-Current-URL": window.location.href },
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1 ? response.json() : Promise.resolve({});
      return json.catch(function () { return {}; }).then(function (answer) {
        if (response.ok && answer.status === "saved") {
          announce(answer.message);
          document.querySelectorAll('.offline-waiting[data-client-key="' + entry.key + '"]').forEach(function (note) {
            note.textContent = answer.message;
            note.removeAttribute("data-client-key");
          });
          return update(entry.key, function () { return null; }).then(function () { return true; });
        }
        if (response.status === 401 || response.status === 403) {
          // Sign in again (or a new page for a fresh token); the contact keeps waiting.
          var why = response.status === 401 ? text("signed-out") : text("reload");
          return update(entry.key, function (e) { e.message = describe({ when: e.when, name: e.name }) + " " + why; return e; })
            .then(function () { return false; });
        }
        if (answer.message && (response.status === 404 || response.status === 409 || response.status === 400)) {
          // Not saved, and sending it again would not help: say why, let the person remove it.
          return update(entry.key, function (e) { e.state = "failed"; e.message = answer.message; return e; })
            .then(function () { return true; });
        }
        return false;  // the server is struggling: try again later
      });
    });
  }
  var sending = false;
  function sendWaiting() {
    if (sending || !navigator.onLine || !canQueue || !window.localStorage.getItem(STORE)) { return; }
    sending = true;
    load().then(function (entries) {
      var waiting = entries.filter(function (e) { return e.state === "waiting"; });
      // One after the other; stop at the first that could not reach the server.
      return waiting.reduce(function (chain, entry) {
        return chain.then(function (goOn) { return goOn ? sendOne(entry) : false; });
      }, Promise.resolve(true));
    }).catch(function () { /* no network after all: the next "online" or the timer tries again */ })
      .then(function () { return load(); })
      .then(render)
      .then(function () { sending = false; }, function () { sending = false; });
  }
  window.addEventListener("online", sendWaiting);
  window.setInterval(sendWaiting, 30000);

  // --- Logging out deletes what waits (after asking, if something does) -------
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches("form[data-logout]")) { return; }
    if (window.localStorage.getItem(STORE) && !window.confirm(text("logout-confirm"))) {
      event.preventDefault();
      return;
    }
    window.localStorage.removeItem(STORE);
  });

  load().then(function (entries) { render(entries); sendWaiting(); });
})();
