"""YAML files written by hand (a YAML test, a case for `explain`, a parametric reform, the demo's
population).

`load(path)` reads one with a safe loader, and any mistake becomes a `YamlFileError` whose message
is one line naming the file, in the language of the messages:

- a syntax error gives the line and the column where the reader stopped, and the problem
  (`case.yaml, line 3, column 1: not valid YAML: expected ',' or ']', but got '<stream end>'`);
- a Python tag (`!!python/object/apply:os.system`), which the safe loader refuses, is named as
  refused: a file written by hand holds values, not Python objects;
- a date that does not exist (`2019-02-30`) is kept as the text written, where PyYAML's safe loader
  fails with a bare `day is out of range for month`: the check of the value (the input's
  `set_input`, the reform's date of effect) then refuses it, naming the variable or the key.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from openfisca_residence.i18n import _


class YamlFileError(ValueError):
    """A YAML file that cannot be read: the message names the file, and the line when known."""


class Loader(yaml.SafeLoader):
    """The safe loader, with an impossible date kept as the text written."""


def _timestamp(loader: Loader, node: yaml.Node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2019-02-30: the regular expression of a date, not an existing date
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, with libyaml's parser when PyYAML has it (OpenFisca-Core's runner reads YAML tests
    with libyaml: its messages for a syntax error are those legal experts know)."""


FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load(path, loader=Loader):
    """The content of the YAML file `path`, or a YamlFileError naming the file and the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise YamlFileError(
            _("{path}: cannot read the file ({reason}).").format(path=path, reason=reason)
        ) from error
    try:
        return yaml.load(text, Loader=loader)  # a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}" + (
            _(", line {line}, column {column}").format(line=mark.line + 1, column=mark.column + 1)
            if mark
            else ""
        )
        problem = error.problem or str(error)
        if isinstance(error, yaml.constructor.ConstructorError) and "python/" in problem:
            message = _(
                "{where}: the tag {tag} is refused: a YAML file holds values, not Python objects."
            )
            raise YamlFileError(message.format(where=where, tag=problem.split()[-1])) from None
        problem += f" ({error.context})" if error.context else ""
        raise YamlFileError(
            _("{where}: not valid YAML: {problem}.").format(where=where, problem=problem)
        ) from None
    except yaml.YAMLError as error:
        raise YamlFileError(
            _("{where}: not valid YAML: {problem}.").format(where=path, problem=error)
        ) from None
