import pytest

from openfisca_residence import CountryTaxBenefitSystem


@pytest.fixture(scope="session")
def tax_benefit_system():
    return CountryTaxBenefitSystem()


@pytest.fixture(scope="session")
def generated():
    """A few hundred synthetic persons (months 2023-01..2024-12), as a pyarrow Table."""
    from openfisca_residence.synthetic import generate

    return generate(persons=400, seed=7)
