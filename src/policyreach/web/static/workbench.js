// The workbench's amount builder shows the fields of the chosen kind only. Without this script every kind's fields
// are shown with their labels, and the server reads those of the kind chosen: the page works either way. A file,
// not an inline script: the Content-Security-Policy allows scripts from this origin only.
(function () {
  "use strict";
  function sync(select) {
    var box = select.closest("fieldset");
    box.querySelectorAll("[data-kinds]").forEach(function (part) {
      part.hidden = part.getAttribute("data-kinds").split(" ").indexOf(select.value) < 0;
    });
  }
  function start() {
    document.querySelectorAll("select[name$='.a.kind']").forEach(function (select) {
      sync(select);
      select.addEventListener("change", function () { sync(select); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
