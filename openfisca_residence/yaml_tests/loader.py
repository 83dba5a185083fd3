"""A YAML test file read with a safe loader: no Python tag (`!!python/object/apply:os.system`) can
run code, and a mistake is one line naming the file, the line and the column.

OpenFisca-Core's runner reads test files with PyYAML's full loader (`yaml.CLoader`), which builds
any Python object a tag names (docs/upstream/test-runner-safe-loader.md). This one is
`system.yaml_files.load` with its fast safe loader (an impossible date kept as written, for the
input's check to name).
"""

from __future__ import annotations

from openfisca_residence.system.yaml_files import FastLoader, load


def load_tests(path) -> list:
    """The cases of a YAML test file (a list, or one case), read safely; a
    `system.yaml_files.YamlFileError` for a file that cannot be read."""
    content = load(path, FastLoader)
    return content if isinstance(content, list) else [content]
