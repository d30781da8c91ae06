# Two commands do all the set-up on a fresh machine (each creates .venv when needed):
#   make demo   install newsnlp and print the analysis of a bundled sample article as JSON
#   make test   install newsnlp with its test tools, then lint, format check and the test suite
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip --disable-pip-version-check

.PHONY: demo test lint bench clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.demo-installed: pyproject.toml | $(PY)
	$(PIP) install -q -e ".[html]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(PY)
	$(PIP) install -q -e ".[html,test]"
	touch $@ $(VENV)/.demo-installed

demo: $(VENV)/.demo-installed
	$(VENV)/bin/newsnlp analyze examples/sample-article.txt

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(PY) -m pytest

bench: $(VENV)/.test-installed
	$(PY) benchmarks/bench_clean.py
	$(PY) benchmarks/bench_lang.py
	$(PY) benchmarks/bench_html.py

clean-venv:
	rm -rf $(VENV)
