"""The Web API and the case explorer served by gunicorn: `openfisca-residence serve --port N`."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from openfisca_residence.system.registry import tax_benefit_system
from openfisca_residence.web.app import create_app


class WebApiApplication(BaseApplication):
    """gunicorn serving `create_app` for today's law, or for `reform`; each worker builds its
    app (and the system) once."""

    def __init__(self, settings: dict, reform: str | None = None) -> None:
        self.settings = settings
        self.reform = reform
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(tax_benefit_system(self.reform), self.reform)


def serve(host: str, port: int, workers: int = 1, reform: str | None = None) -> None:
    settings = {"bind": f"{host}:{port}", "workers": workers, "timeout": 120}
    WebApiApplication(settings, reform).run()
