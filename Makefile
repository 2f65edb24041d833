# orgdesign: `make demo` and `make test` do the whole set-up on a fresh Debian/Ubuntu machine.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# uv lives in its own small venv so that `uv sync` (which makes .venv exactly the lock) never removes it.
UVENV := .uv
UV := $(UVENV)/bin/uv
# Never let uv fetch a Python of its own: the machine's python3 is the one asked for.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
SAMPLES := $(wildcard sample_orgs/*.yaml)

.PHONY: docs demo test lint typecheck contracts unit bench fuzz system venv lock lock-upgrade test-latest clean mermaid-cli fuzz-escape

venv: $(STAMP)

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgdesign needs Python 3.11 or newer")'
	@test -x $(UVENV)/bin/python || $(PYTHON) -m venv $(UVENV)
	@$(UVENV)/bin/python -m pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'

# Exactly the versions in uv.lock, the dev extra included; a lock that no longer matches
# pyproject.toml is an error (run `make lock`), never a silent re-resolve.
$(STAMP): pyproject.toml uv.lock | $(UV)
	@$(UV) sync --frozen --extra dev --compile-bytecode --quiet --python $(PYTHON)
	@touch $(STAMP)

# Re-resolve after editing dependencies in pyproject.toml (keeps locked versions where it can).
lock: | $(UV)
	$(UV) lock --python $(PYTHON)

# Move every dependency to its newest allowed version in uv.lock.
lock-upgrade: | $(UV)
	$(UV) lock --upgrade --python $(PYTHON)

# The suite against the newest versions pyproject.toml allows, in a separate venv: drift is seen
# here before a `make lock-upgrade` breaks `make test`. Not part of `make test`.
LATEST := .venv-latest
test-latest: system | $(UV)
	@test -x $(LATEST)/bin/python || $(UV) venv --quiet --python $(PYTHON) $(LATEST)
	$(UV) pip install --quiet --upgrade --resolution highest --python $(LATEST)/bin/python -e '.[dev]'
	$(UV) pip list --python $(LATEST)/bin/python --outdated || true
	$(MAKE) --no-print-directory BIN=$(LATEST)/bin STAMP=$(LATEST)/bin/python lint typecheck contracts unit

# Graphviz `dot` and a CJK font: installed with apt-get when root, otherwise say what to do.
system:
	@need=""; command -v dot >/dev/null 2>&1 || need="$$need graphviz"; \
	 fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need="$$need fonts-noto-cjk"; \
	 fc-list 2>/dev/null | grep -qi 'Liberation Sans' || need="$$need fonts-liberation2"; \
	 command -v soffice >/dev/null 2>&1 || need="$$need libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"; \
	 command -v pdftoppm >/dev/null 2>&1 || need="$$need poppler-utils"; \
	 command -v chromium >/dev/null 2>&1 || need="$$need chromium"; \
	 if [ -n "$$need" ]; then \
	   if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	     echo "installing$$need"; \
	     apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; \
	   else \
	     echo "orgdesign: missing system packages:$$need"; \
	     echo "  install them with: sudo apt-get install$$need"; \
	     echo "  (validation works without them; charts need Graphviz, Chinese labels the font,"; \
	     echo "   the browser tests of the HTML explorer Chromium)"; \
	   fi; \
	 fi

demo: venv system
	@mkdir -p out
	@for f in $(SAMPLES); do \
	   name=$$(basename $$f .yaml); echo "== $$name"; \
	   $(BIN)/orgdesign validate $$f || exit 1; \
	   $(BIN)/orgdesign validate $$f --format json > out/$$name.findings.json; \
	   $(BIN)/orgdesign build $$f -o out/$$name || exit 1; \
	 done
	@echo "findings in out/; each sample's pack: out/<sample>/index.html"

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: venv
	$(BIN)/mypy

# mermaid-cli (npm, exactly tools/mermaid/package-lock.json) for the tests that render every
# .mmd; it drives the system's Chromium, so puppeteer never downloads a browser. Skipped when
# node/npm are not installed (those tests then skip and say so).
MERMAID_STAMP := tools/mermaid/node_modules/.installed
mermaid-cli:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(MERMAID_STAMP); \
	 else echo "orgdesign: npm not found: the mermaid-cli tests will be skipped (apt-get install npm)"; fi

$(MERMAID_STAMP): tools/mermaid/package.json tools/mermaid/package-lock.json
	cd tools/mermaid && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Imports point down the flow only (the contracts are in pyproject.toml).
contracts: venv
	$(BIN)/lint-imports

unit: venv system mermaid-cli
	$(BIN)/pytest

# Long runs of the escaping properties: FUZZ generated organisations per output format,
# each checked by its consumer (dot, an XML parser, html5lib, openpyxl, csv, python-pptx,
# python-docx, mermaid-cli).
FUZZ ?= 10000
fuzz-escape: venv system mermaid-cli
	ORGDESIGN_FUZZ=$(FUZZ) nice $(BIN)/pytest -q -s -p no:cacheprovider --hypothesis-show-statistics tests/test_escape*.py tests/test_mermaid_cli.py

test: lint typecheck contracts unit

# docs/rules.md and README.md's rule table, from the rule docstrings (tests fail when stale).
docs: venv
	$(BIN)/python tools/rule_docs.py

bench: venv
	$(BIN)/python bench/run.py

# Mutated organisations and HR tables through every command, in-process, one family after
# another at low priority; prints inputs, internal errors, hangs and peak memory per family.
# FUZZ_INPUTS per family (default 10,000) or as many as FUZZ_MINUTES allow for the whole run
# (default 10, shared by the families; 0: no time limit).
FUZZ_INPUTS ?= 10000
FUZZ_MINUTES ?= 10
fuzz: venv
	$(BIN)/python -m tests.fuzz.harness --inputs $(FUZZ_INPUTS) --minutes $(FUZZ_MINUTES) $(if $(FUZZ_FAMILIES),--families $(FUZZ_FAMILIES))

clean:
	rm -rf $(VENV) $(UVENV) $(LATEST) out .pytest_cache .mypy_cache .ruff_cache tools/mermaid/node_modules
