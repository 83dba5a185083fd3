"""`openfisca-residence serve --port N`: the Web API (`web`), with the limits of a public server
(`web.limits`), each an option."""

from __future__ import annotations

import dataclasses

from openfisca_residence.cli.arguments import CommandError
from openfisca_residence.i18n import _
from openfisca_residence.system.registry import tax_benefit_system

HELP = {
    "max_body": "bytes of a request's body",
    "max_persons": "persons of a request, axes included",
    "max_families": "families of a request",
    "max_depth": "levels of nesting of a request's JSON",
    "max_input_months": "months the inputs of a request cover (each variable and period once)",
    "time_budget": "seconds of computation of a request; past them, HTTP 503",
    "read_timeout": "seconds a client has to send a request's body; past them, HTTP 408",
    "queue": "requests waiting for a worker; one more is answered 503",
    "max_requests": "requests a worker answers before it is replaced",
    "max_worker_memory": "MB a worker may reach; past them, it is replaced after its request",
}


def serve(arguments) -> int:
    from openfisca_residence.web.limits import Limits
    from openfisca_residence.web.serve import serve as serve_web_api

    if arguments.workers < 1:
        raise CommandError(_("--workers: 1 process or more."))
    try:
        limits = Limits(**{name: getattr(arguments, name) for name in HELP})
    except ValueError as error:
        raise CommandError(str(error)) from None
    if arguments.reform:
        tax_benefit_system(arguments.reform)  # an unknown reform fails here, before serving
    return serve_web_api(
        arguments.host, arguments.port, arguments.workers, arguments.reform, limits
    )


def register(commands) -> None:
    from openfisca_residence.web.limits import Limits

    server = commands.add_parser(
        "serve",
        help="serve the Web API (/calculate, /trace, /spec...)",
        description="Serve the Web API of today's law (or of a reform): a buffering front on "
        "--host:--port, and --workers processes computing one request at a time, within the "
        "limits below.",
    )
    server.add_argument("--port", type=int, default=5000, help="TCP port (default 5000)")
    server.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    server.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    server.add_argument("--reform", help="serve this reform instead of today's law")
    for field in dataclasses.fields(Limits):
        server.add_argument(
            f"--{field.name.replace('_', '-')}",
            dest=field.name,
            type=type(field.default),
            default=field.default,
            help=f"{HELP[field.name]} (default {field.default:g})".replace("1e+07", "10000000"),
        )
    server.set_defaults(run=serve)
