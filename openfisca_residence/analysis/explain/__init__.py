"""Why a person or a family is eligible or refused: `explain(case, month)` gives, for each
benefit, the decision of each person or family, the reason of refusal with its article, the
deciding dates and the tree of conditions (`decisions`), in words (`words`); `render` writes them
as text, Markdown, HTML or JSON (`formats`); `load_cases` reads a case file (`cases`).
"""

from openfisca_residence.analysis.explain.cases import Case, load_case, load_cases
from openfisca_residence.analysis.explain.decisions import Answer, Decision, Node, Reason, explain
from openfisca_residence.analysis.explain.formats import as_json, render

__all__ = [
    "Answer",
    "Case",
    "Decision",
    "Node",
    "Reason",
    "as_json",
    "explain",
    "load_case",
    "load_cases",
    "render",
]
