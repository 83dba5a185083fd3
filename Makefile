# The README's commands. Each creates the virtualenv .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# openfisca-france pins another openfisca-core: the cross-check runs it in its own virtualenv.
CROSS_CHECK_VENV := .venv-openfisca-france
CROSS_CHECK_INSTALLED := $(CROSS_CHECK_VENV)/.installed
CROSS_CHECK_OUTPUT := tools/cross_check_openfisca_france.out.txt
# The legal YAML tests: every folder of tests/ but the Python tests of tests/engine.
YAML_TESTS := $(filter-out tests/engine/,$(wildcard tests/*/))

.PHONY: demo test lint test-rules test-python serve screenshots index cross-check clean

$(INSTALLED): setup.py pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	touch $@

## demo: compare the end of rights at the expiry of the right of stay with today's law, on the
## embedded synthetic population: a table, and a report in reports/fin_droits_expiration_sejour/
demo: $(INSTALLED)
	$(BIN)/openfisca-residence compare --reform fin_droits_expiration_sejour --months 2027-01..2027-12 \
		--report reports/fin_droits_expiration_sejour

## test: lint, the legal experts' YAML tests, then the Python tests
test: lint test-rules test-python

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/yamllint --strict .

test-rules: $(INSTALLED)
	$(BIN)/openfisca-residence test $(YAML_TESTS)

# The browser tests drive Debian's chromium (no browser is downloaded at run time), in French: its
# French locale (chromium-l10n) writes the date fields as a French user sees them (jj/mm/aaaa).
CHROMIUM := /usr/lib/chromium/locales/fr.pak

$(CHROMIUM):
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-l10n

test-python: $(INSTALLED) $(CHROMIUM)
	$(BIN)/pytest tests

## serve: the case explorer and the Web API on http://127.0.0.1:5000
serve: $(INSTALLED)
	$(BIN)/openfisca-residence serve --port 5000

## screenshots: the case explorer's screenshots of the legal experts' guide, in docs/images/
screenshots: $(INSTALLED) $(CHROMIUM)
	EXPLORER_SCREENSHOTS=docs/images $(BIN)/pytest tests/engine/web/test_explorer_browser.py -q

## index: regenerate the legal index docs/index-juridique.md (sources → variables → tests)
index: $(INSTALLED)
	$(BIN)/openfisca-residence index-juridique --output docs/index-juridique.md

$(CROSS_CHECK_INSTALLED): tools/requirements-cross-check.txt
	test -x $(CROSS_CHECK_VENV)/bin/python || $(PYTHON) -m venv $(CROSS_CHECK_VENV)
	$(CROSS_CHECK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CROSS_CHECK_VENV)/bin/python -m pip install --quiet -r tools/requirements-cross-check.txt
	touch $@

## cross-check: compare our RSA and ASPA stay conditions with openfisca-france's (not a test)
cross-check: $(INSTALLED) $(CROSS_CHECK_INSTALLED)
	$(BIN)/python tools/cross_check_openfisca_france.py \
		--openfisca-france-python $(CROSS_CHECK_VENV)/bin/python --output $(CROSS_CHECK_OUTPUT)

clean:
	rm -rf $(VENV) $(CROSS_CHECK_VENV) build *.egg-info
