"""`GET /docs`: the Web API's interactive documentation, Swagger UI (5.35.0, vendored in
`static/swagger-ui/` with its licence: nothing is fetched from elsewhere) reading `/spec`."""

from __future__ import annotations

from pathlib import Path

from flask import Response, send_from_directory

SWAGGER_UI = Path(__file__).with_name("static") / "swagger-ui"
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>openfisca-residence Web API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head>
<body><main id="swagger-ui"></main>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({url: "/spec", dom_id: "#swagger-ui"});</script>
</body></html>
"""


def register(app) -> None:
    @app.route("/docs")
    def docs():
        return Response(PAGE, mimetype="text/html")

    @app.route("/docs/static/<path:name>")
    def docs_static(name):
        return send_from_directory(SWAGGER_UI, name)
