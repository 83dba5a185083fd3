"""The base of this model's reforms: OpenFisca-Core's `Reform`, whose reformed system keeps the
behaviours of the baseline (`system.base.SystemBase`)."""

from openfisca_core import reforms

from openfisca_residence.system.base import SystemBase


class Reform(SystemBase, reforms.Reform):
    pass
