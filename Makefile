# Two commands on a fresh machine: `make demo` (main job on the example corpus) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench eval clean browser java axe

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/wiretrace eval examples/corpus

test: $(STAMP) browser java axe lint typecheck pytest

# Debian's chromium for the report / web tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium is missing: sudo apt-get install chromium (the browser tests need it)"; fi; }

# axe-core, pinned in package-lock.json, into node_modules/ for the accessibility tests (they inject it
# into each page; without it they skip, except in CI).
AXE := node_modules/axe-core/axe.min.js
axe:
	@[ -f $(AXE) ] && [ $(AXE) -nt package-lock.json ] || { \
	  if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $(AXE); \
	  else echo "npm is missing: sudo apt-get install npm (the accessibility tests need axe-core)"; fi; }

# Java 17+ for the Spark engine (pyspark comes with the dev extra); without it the Spark tests skip.
java:
	@command -v java >/dev/null 2>&1 || [ -x "$$JAVA_HOME/bin/java" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; \
	  else echo "java is missing: install a JDK/JRE 17+ (e.g. sudo apt-get install openjdk-17-jre-headless) or set JAVA_HOME; the Spark tests skip without it"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/compare.py

# Accuracy on the external data in ../shared/data (or $$WIRETRACE_DATA); rewrites bench/RESULTS.md's table.
eval: $(STAMP)
	$(BIN)/python bench/eval_all.py

clean:
	rm -rf $(VENV) node_modules build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
