// kui's small client-side helpers. No inline scripts anywhere (CSP).
(function () {
  "use strict";
  // Forms marked data-autosubmit submit when a field changes (filters on lists).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form) { form.requestSubmit(); }
  });
})();
