"""Situations shown as examples in the Web API's OpenAPI description."""

import json
from pathlib import Path

_HERE = Path(__file__).parent

personne_seule = json.loads((_HERE / "personne_seule.json").read_text(encoding="utf-8"))
