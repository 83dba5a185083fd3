"""`openfisca-residence serve --port N`: the Web API (`web`)."""

from __future__ import annotations

from openfisca_residence.cli.arguments import CommandError
from openfisca_residence.system.registry import tax_benefit_system


def serve(arguments) -> None:
    from openfisca_residence.web.serve import serve as serve_web_api

    if arguments.workers < 1:
        raise CommandError("--workers: 1 process or more.")
    if arguments.reform:
        tax_benefit_system(arguments.reform)  # an unknown reform fails here, before serving
    serve_web_api(arguments.host, arguments.port, arguments.workers, arguments.reform)


def register(commands) -> None:
    server = commands.add_parser(
        "serve",
        help="serve the Web API (/calculate, /trace, /spec...)",
        description="Serve the Web API of today's law (or of a reform) with gunicorn.",
    )
    server.add_argument("--port", type=int, default=5000, help="TCP port (default 5000)")
    server.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    server.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    server.add_argument("--reform", help="serve this reform instead of today's law")
    server.set_defaults(run=serve)
