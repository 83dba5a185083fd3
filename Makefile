# The README's commands. Each creates the virtualenv .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The legal YAML tests: every folder of tests/ but the Python tests of tests/infrastructure.
YAML_TESTS := $(filter-out tests/infrastructure/,$(wildcard tests/*/))

.PHONY: demo test lint test-rules test-python serve clean

$(INSTALLED): setup.py pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	touch $@

## demo: compute the residence variables of the example population and print them
demo: $(INSTALLED)
	$(BIN)/python -m openfisca_residence.demo

## test: lint, the legal experts' YAML tests, then the Python tests
test: lint test-rules test-python

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/yamllint --strict .

test-rules: $(INSTALLED)
	$(BIN)/openfisca test --country-package openfisca_residence $(YAML_TESTS)

test-python: $(INSTALLED)
	$(BIN)/pytest tests

## serve: the Web API on http://127.0.0.1:5000
serve: $(INSTALLED)
	$(BIN)/openfisca serve --country-package openfisca_residence --bind 127.0.0.1:5000

clean:
	rm -rf $(VENV) build *.egg-info
