# orgdesign: `make demo` and `make test` do the whole set-up on a fresh Debian/Ubuntu machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLES := $(wildcard sample_orgs/*.yaml)

.PHONY: demo test lint typecheck unit bench system venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgdesign needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip uv || true
	@if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'; \
	 else $(BIN)/python -m pip install --quiet -e '.[dev]'; fi
	@touch $(STAMP)

# Graphviz `dot` and a CJK font: installed with apt-get when root, otherwise say what to do.
system:
	@need=""; command -v dot >/dev/null 2>&1 || need="$$need graphviz"; \
	 fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need="$$need fonts-noto-cjk"; \
	 fc-list 2>/dev/null | grep -qi 'Liberation Sans' || need="$$need fonts-liberation2"; \
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

unit: venv system
	$(BIN)/pytest

test: lint typecheck unit

bench: venv
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
