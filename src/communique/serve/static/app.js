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
  // Filter forms send only the fields that are set, so the URL (the permalink) carries
  // every filter and nothing else.
  function dropEmptyFields(event) {
    var fields = event.target.querySelectorAll("input[name], select[name]");
    Array.prototype.forEach.call(fields, function (field) {
      if (field.value === "" || field.value === field.getAttribute("data-default")) {
        field.disabled = true;
      }
    });
  }
  function bindForms() {
    Array.prototype.forEach.call(document.querySelectorAll("form.filters"), function (form) {
      form.addEventListener("submit", dropEmptyFields);
    });
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", bindForms);
  // Back/forward restores a page with the fields it disabled: enable them again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.filters [disabled]"),
      function (field) { field.disabled = false; });
  });
  document.addEventListener("DOMContentLoaded", openTarget);
})();
