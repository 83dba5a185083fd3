"""`python -m openfisca_residence.cli`: the `openfisca-residence` command."""

import sys

from openfisca_residence.cli.main import main

sys.exit(main())
