# Two commands for a fresh machine (README): `make demo` and `make test`.
# Each creates .venv (once) and installs the project with every framework, pinned by constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install notebooks docs clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[all,dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rosetta compare

notebooks: $(STAMP)
	$(BIN)/python -m reference.notebooks build/notebooks

# the outputs the README and docs/ show, rerun and written between their cog markers (docs/cogs.py; a few minutes:
# make demo's table and a 2500-iteration training among them); tests/test_docs.py notices a stale one
docs: $(STAMP)
	$(BIN)/cog -r -I docs README.md docs/*.md

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	.ci/install-system-packages
	$(BIN)/pytest

clean:
	rm -rf $(VENV) rosetta-out rosetta-train build .pytest_cache .ruff_cache .mypy_cache
