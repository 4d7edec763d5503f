// kui's small client-side helpers. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  // Forms marked data-autosubmit submit when a field changes (filters on lists).
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-search-select]")) { return; }
    var form = event.target.closest("form[data-autosubmit]");
    if (form) { form.requestSubmit(); }
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
})();
