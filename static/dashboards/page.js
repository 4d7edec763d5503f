// The dashboard page's own behaviour: a compact phone layout and the
// steering pack's progress.
(function () {
  "use strict";
  // On a phone each chart comes first and its table waits behind one tap
  // ("Figures: …"), so the page is a few screens instead of fourteen.
  if (window.matchMedia && window.matchMedia("(max-width: 575.98px)").matches) {
    document.querySelectorAll("details[data-close-on-phone]").forEach(function (details) { details.open = false; });
  }
})();

// The steering meeting's PDF takes seconds to draw. Without this the link
// just waits; with it the page says it is working (a spinner and a status
// read out by screen readers), fetches the file and saves it under the
// server's file name, then says it is done — or that it failed.
(function () {
  "use strict";
  var link = document.getElementById("meeting-pack");
  var status = document.getElementById("meeting-pack-status");
  if (!link || !status || !window.fetch || !window.URL || !URL.createObjectURL) { return; }

  function say(text, busy) {
    status.textContent = text;
    link.setAttribute("aria-busy", busy ? "true" : "false");
    link.classList.toggle("disabled", busy);
    status.classList.toggle("pack-busy", busy);
  }

  function filename(response) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/.exec(header);
    return match ? match[1] : "moedepakke.pdf";
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") { return; }
    say(link.dataset.busy, true);
    fetch(link.href, {credentials: "same-origin"}).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/pdf") !== 0) { throw new Error(String(response.status)); }
      var name = filename(response);
      return response.blob().then(function (blob) {
        var save = document.createElement("a");
        save.href = URL.createObjectURL(blob);
        save.download = name;
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(save.href); }, 60000);
        say(link.dataset.done, false);
      });
    }).catch(function () { say(link.dataset.failed, false); });
  });
})();
