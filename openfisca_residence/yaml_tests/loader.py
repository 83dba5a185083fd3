"""A YAML test file read with a safe loader: no Python tag (`!!python/object/apply:os.system`) can
run code, and a mistake is one line naming the file, the line and the column.

OpenFisca-Core's runner reads test files with PyYAML's full loader (`yaml.CLoader`), which builds
any Python object a tag names (docs/upstream/test-runner-safe-loader.md). This one is the safe
loader of `system.yaml_files` (an impossible date kept as written, for the input's check to name).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from openfisca_residence.system.yaml_files import FastLoader


class TestFileError(ValueError):
    """A YAML test file that cannot be read: one line naming the file, the line and the column."""


def load_tests(path) -> list:
    """The cases of a YAML test file (a list, or one case), read safely."""
    path = Path(path)
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=FastLoader)  # safe
    except (OSError, UnicodeDecodeError) as error:
        raise TestFileError(f"{path}: cannot read the file ({error}).") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        if isinstance(error, yaml.constructor.ConstructorError) and "python/" in str(error.problem):
            tag = str(error.problem).split()[-1]
            raise TestFileError(
                f"{path}{where}: the tag {tag} is refused: a YAML test holds values, "
                "not Python objects."
            ) from None
        raise TestFileError(f"{path}{where}: not a valid YAML file ({error.problem}).") from None
    except yaml.YAMLError as error:
        raise TestFileError(f"{path}: not a valid YAML file ({error}).") from None
    return content if isinstance(content, list) else [content]
