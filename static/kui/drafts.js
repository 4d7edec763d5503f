// Drafts: what someone types into a form marked data-draft is kept in this
// tab's sessionStorage until it is saved. If the session expired meanwhile,
// the server answers the save with a redirect to the login page (never the
// login page inside the board); after signing in again the form is opened
// and filled with the draft. A draft belongs to the user who typed it: it is
// never shown to anyone else signing in on the same device.
(function () {
  "use strict";
  var PREFIX = "kui-draft:";
  var SKIPPED = { hidden: true, submit: true, button: true, file: true, password: true };

  function owner() { return document.body.getAttribute("data-user") || ""; }

  function read(key) {
    try { return JSON.parse(window.sessionStorage.getItem(PREFIX + key) || "null"); }
    catch (error) { return null; }
  }

  function save(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIPPED[el.type]) { return; }
      // A group of radio buttons is one value: the checked one's.
      if (el.type === "radio") { if (el.checked) { fields[el.name] = el.value; } return; }
      fields[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    var draft = { owner: owner(), page: window.location.pathname, fields: fields };
    try { window.sessionStorage.setItem(PREFIX + form.getAttribute("data-draft"), JSON.stringify(draft)); }
    catch (error) { /* storage full or disabled: the form still works */ }
  }

  function forget(key) { window.sessionStorage.removeItem(PREFIX + key); }

  function restore(form) {
    var key = form.getAttribute("data-draft");
    var draft = read(key);
    // A form the server sent back with the typed values (and errors) needs no draft.
    if (!draft || form.hasAttribute("data-draft-restored-done") || form.hasAttribute("data-draft-bound")) { return; }
    form.setAttribute("data-draft-restored-done", "");
    if (draft.owner !== owner()) { forget(key); return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in draft.fields) || SKIPPED[el.type]) { return; }
      if (el.type === "checkbox") { el.checked = !!draft.fields[el.name]; }
      else if (el.type === "radio") { el.checked = el.value === draft.fields[el.name]; }
      else { el.value = draft.fields[el.name]; }
    });
    var notice = document.createElement("p");
    notice.className = "draft-restored small";
    notice.setAttribute("tabindex", "-1");
    notice.textContent = form.getAttribute("data-draft-restored") || "";
    form.insertBefore(notice, form.firstChild);
    var live = document.getElementById("live-region");
    if (live) { live.textContent = notice.textContent; }
    notice.scrollIntoView({ block: "nearest" });
    notice.focus({ preventScroll: true });
  }

  function onEdit(event) {
    var form = event.target.closest && event.target.closest("form[data-draft]");
    if (form) { save(form); }
  }
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  // Also what is sent untouched (the defaults): the save may meet an expired session.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.matches && elt.matches("form[data-draft]")) { save(elt); }
  });

  function sweep() {
    // A confirmation from the server: that draft is saved, forget it.
    document.querySelectorAll("[data-draft-saved]").forEach(function (el) {
      forget(el.getAttribute("data-draft-saved"));
      el.removeAttribute("data-draft-saved");
    });
    document.querySelectorAll("form[data-draft]").forEach(restore);
  }
  document.addEventListener("htmx:afterSettle", sweep);

  // Back on the page after signing in: open each form that has a draft (a
  // board row's "Log contact" fetches its form when opened; sweep fills it).
  document.addEventListener("DOMContentLoaded", function () {
    sweep();
    for (var i = 0; i < window.sessionStorage.length; i++) {
      var name = window.sessionStorage.key(i);
      if (name.indexOf(PREFIX) !== 0) { continue; }
      var key = name.slice(PREFIX.length);
      var draft = read(key);
      if (!draft || draft.owner !== owner() || draft.page !== window.location.pathname) { continue; }
      var opener = document.querySelector('[data-draft-opener="' + key.replace(/"/g, "") + '"]');
      if (opener && !opener.open) { opener.open = true; }
    }
  });
})();
