// Feedback while work is under way, on every page: a save shows a spinner on
// its button and is announced; a PDF, CSV or XLSX that takes a few seconds to
// make says so beside its link. The words come from the page (base.html,
// data-text-*), in the user's language. No inline styles: the look is
// classes in kui.css (the CSP allows no style attribute).
(function () {
  "use strict";
  var body = document.body;
  function text(name) { return body.getAttribute("data-text-" + name) || ""; }
  function announce(message) {
    var live = document.getElementById("live-region");
    if (live && message) { live.textContent = message; }
  }
  function submitters(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }
  function busy(element, on) {
    element.classList.toggle("is-busy", on);
    if (on) { element.setAttribute("aria-busy", "true"); } else { element.removeAttribute("aria-busy"); }
  }

  // Saves by htmx: the button spins until the answer is in (htmx also marks
  // the form with .htmx-request; the button is what a thumb is on).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!form || form.tagName !== "FORM") { return; }
    busy(form, true);
    submitters(form).forEach(function (button) { busy(button, true); });
    announce(text("saving"));
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || form.tagName !== "FORM") { return; }
    busy(form, false);
    submitters(form).forEach(function (button) { busy(button, false); });
  });

  // Forms sent the ordinary way (an import, a long save): the button spins
  // until the next page arrives, and a second tap does not send it again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches || form.matches("[hx-post], [hx-get], [data-no-busy]")) { return; }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") { return; }
    if (form.classList.contains("is-busy")) { event.preventDefault(); return; }
    var button = event.submitter || submitters(form)[0];
    // After every other handler: one that asks first ("Are you sure?") may have said no.
    window.setTimeout(function () {
      if (event.defaultPrevented) { return; }
      busy(form, true);
      if (button) { busy(button, true); }
      announce(text("saving"));
      // A download answers without leaving the page: the form is usable again after a while.
      window.setTimeout(function () { idle(form); }, 15000);
    }, 0);
  });
  function idle(form) {
    busy(form, false);
    submitters(form).forEach(function (button) { busy(button, false); });
  }

  // Files made on request (PDF, CSV, XLSX) take a moment: say so beside the link.
  var FILE = /(\.pdf|\.csv|\.xlsx|\/pdf\/(hent\/)?)$/;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target === "_blank" || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || !(FILE.test(url.pathname) || link.hasAttribute("data-busy"))) { return; }
    if (link.classList.contains("is-busy")) { return; }
    busy(link, true);
    var note = document.createElement("span");
    note.className = "busy-note small";
    note.textContent = text("making-file");
    link.insertAdjacentElement("afterend", note);
    announce(note.textContent);
    // A download never leaves the page; after a while the link is ready for another.
    window.setTimeout(function () { busy(link, false); note.remove(); }, 15000);
  });

  // Back to a page from the browser's cache: nothing is under way any more.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll(".is-busy").forEach(function (element) { busy(element, false); });
    document.querySelectorAll(".busy-note").forEach(function (note) { note.remove(); });
  });
})();
