import pytest

from openfisca_residence import CountryTaxBenefitSystem


@pytest.fixture(scope="session")
def tax_benefit_system():
    return CountryTaxBenefitSystem()
