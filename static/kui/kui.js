// kui's small client-side helpers. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  // Forms marked data-autosubmit submit when a field changes (filters on lists).
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-search-select]")) { return; }
    var form = event.target.closest("form[data-autosubmit]");
    if (form) { form.requestSubmit(); }
  });

  // A CPR number typed into a search sent by GET would land in the address, the
  // history and the access log: it goes to the POST lookup named by data-cpr-to instead.
  var CPR_LIKE = /(?:^|\D)(\d{6}[- ]?\d{4})(?!\d)/;
  document.addEventListener("submit", function (event) {
    // Enter fires a change (autosubmit) and the implicit submit: only the lookup may go.
    if (event.target.dataset.cprHandedOver) { event.preventDefault(); return; }
    var search = event.target.querySelector("[data-cpr-to]");
    var found = search && CPR_LIKE.exec(search.value);
    var lookup = found && document.getElementById(search.dataset.cprTo);
    if (!lookup) { return; }
    event.preventDefault();
    lookup.value = found[1];
    search.value = "";
    event.target.dataset.cprHandedOver = "1";
    lookup.form.requestSubmit();
  });
  window.addEventListener("pageshow", function () {  // back to the board: it searches again
    document.querySelectorAll("[data-cpr-handed-over]").forEach(function (form) { delete form.dataset.cprHandedOver; });
  });

  // Search selects (kui/lib/search_select.py): the search box has no name, so
  // it is never submitted with its form; its text goes to the server as q.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.matches && elt.matches("[data-search-select]")) {
      event.detail.parameters.q = elt.value;
    }
  });
  // Enter in a search box searches; it must not submit the form around it.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-search-select]")) {
      event.preventDefault();
      if (window.htmx) { window.htmx.trigger(event.target, "search"); }
    }
  });

  // A table wider than the phone scrolls sideways inside its wrapper: the
  // wrapper must take keyboard focus (arrow keys scroll it) and say what it
  // holds — its table's caption — to a screen reader. Templates may set
  // their own label; pages added later get one here.
  function labelScrollRegions(root) {
    root.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (wrapper) {
      var caption = wrapper.querySelector("caption");
      var label = wrapper.getAttribute("aria-label") || (caption && caption.textContent.trim()) || document.title;
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", label);
    });
  }
  labelScrollRegions(document);
  document.addEventListener("htmx:afterSettle", function (event) { labelScrollRegions(event.target); });

  // After an in-place save the server marks its confirmation: read it out in
  // the page's live region, keep it in view and put the focus there, so
  // nobody is left at the top of the page wondering whether it was saved.
  document.addEventListener("htmx:afterSettle", function () {
    var saved = document.querySelector("[data-focus-after-swap]");
    if (!saved) { return; }
    saved.removeAttribute("data-focus-after-swap");
    var live = document.getElementById("live-region");
    if (live) { live.textContent = saved.textContent.trim(); }
    saved.focus({ preventScroll: true });
    saved.scrollIntoView({ block: "nearest" });
  });

  // "Undo" after a save is offered for a while, then taken away (the case
  // file's Correct/Remove stay within the correction window).
  function armUndo(root) {
    (root || document).querySelectorAll("form.contact-undo[data-undo-seconds]").forEach(function (form) {
      var seconds = parseInt(form.getAttribute("data-undo-seconds"), 10) || 60;
      form.removeAttribute("data-undo-seconds");
      window.setTimeout(function () { form.remove(); }, seconds * 1000);
    });
  }
  document.addEventListener("htmx:afterSettle", function () { armUndo(); });
  document.addEventListener("DOMContentLoaded", function () { armUndo(); });

  // A refused in-place action (e.g. undo after the window): say why, in words.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var type = (xhr && xhr.getResponseHeader("Content-Type")) || "";
    if (type.indexOf("text/plain") !== 0) { return; }
    var live = document.getElementById("live-region");
    if (live) { live.textContent = xhr.responseText; }
    var elt = event.detail.elt;
    var note = document.createElement("p");
    note.className = "alert alert-danger py-1 small";
    note.setAttribute("role", "alert");
    note.textContent = xhr.responseText;
    if (elt && elt.parentNode) { elt.parentNode.insertBefore(note, elt.nextSibling); }
  });

  // A link to a <details> (the case file's action bar: "Log contact") opens
  // it and puts the focus in its first field: one tap, not two.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-open-details]");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("data-open-details"));
    if (!target) { return; }
    event.preventDefault();
    var fold = target.closest("details.profile-fold");
    if (fold) { fold.open = true; }
    target.open = true;
    target.scrollIntoView({ block: "start" });
    var first = target.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus({ preventScroll: true }); }
  });

  // Print buttons (the case conference agenda): no inline handlers under the CSP.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

  // The case file's sections are folded behind one-line summaries on a phone
  // (<details>, so it works without JavaScript); on a wide screen there is room
  // to show them all open.
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.matchMedia("(min-width: 992px)").matches) { return; }
    document.querySelectorAll("details.profile-fold[data-open-wide]").forEach(function (fold) { fold.open = true; });
  });
})();
