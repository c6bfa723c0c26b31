// communique web UI: open the record (quote or event) a highlight links to.
// No inline scripts anywhere (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var el = document.getElementById(id);
    if (el && el.tagName === "DETAILS") {
      el.open = true;
      el.classList.add("flash");
      el.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();
