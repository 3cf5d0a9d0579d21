// Swagger UI over /openapi.json, served from the package (no CDN).
"use strict";
(function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof SwaggerUIBundle === "undefined") return;
  SwaggerUIBundle({url: el.getAttribute("data-url"), dom_id: "#swagger-ui", deepLinking: true});
})();
