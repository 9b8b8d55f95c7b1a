// The API documentation, drawn from the app's own OpenAPI by the Swagger UI shipped locally.
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui" });
