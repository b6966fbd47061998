// Renders the service's own OpenAPI document. Kept out of the page so that no inline script is needed.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No calls to the outside world: Swagger UI's online validator badge would send the document to swagger.io.
    validatorUrl: null,
    tryItOutEnabled: false
  });
});
