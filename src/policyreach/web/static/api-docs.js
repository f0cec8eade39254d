// Starts Swagger UI on /api/docs. A file, not an inline script, so the content security policy needs no 'unsafe-inline'.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapi,
    dom_id: "#swagger-ui",
    // deep links put a link inside each operation's expand button: nested controls a screen reader cannot reach
    deepLinking: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null, // the public validator is another origin: nothing leaves the platform
    persistAuthorization: false,
  });
});
