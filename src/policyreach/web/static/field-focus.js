// A hint's link ("/me#field-rd_expense_2025") lands on that field of the profile: the row is scrolled into view
// and its input focused, so a firm on a phone types the missing figure at once. A file, not an inline script:
// the Content-Security-Policy allows scripts from this origin only.
(function () {
  "use strict";
  function land() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("field-") !== 0) return;
    var row = document.getElementById(id);
    if (!row) return;
    var input = row.querySelector("input:not([type=hidden]), select, textarea") || row;
    row.scrollIntoView({ block: "center" });
    if (input === row) row.setAttribute("tabindex", "-1");
    input.focus({ preventScroll: true });
    row.classList.add("landed");
  }
  // after "load": the browser's own scroll to the fragment comes then and would take the focus back to the page
  if (document.readyState === "complete") {
    land();
  } else {
    window.addEventListener("load", function () { window.setTimeout(land, 0); });
  }
  window.addEventListener("hashchange", land);
})();
