// Draws each Plotly figure of the page from the JSON in its data-figure attribute (written by web/charts.py):
// the pages carry no inline script, so that the content-security policy can forbid them.
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) {
      return;
    }
    document.querySelectorAll("div[data-figure]").forEach(function (element) {
      var figure = JSON.parse(element.getAttribute("data-figure"));
      window.Plotly.newPlot(element, figure.data, figure.layout, { responsive: true });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
