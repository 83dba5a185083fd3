"""The case explorer: a page for legal experts, served at `/` (`routes`), with what it needs
from the model: the choices of its form, the timeline of answers, and the round trip with YAML
tests (`cases`)."""
