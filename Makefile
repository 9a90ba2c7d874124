# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_PROGRESS_BARS := 1

.PHONY: run test test-unit lint build index serve clean sysdeps bench

# torch first, from the CPU wheel on local disk: left to itself pip pulls a multi-GB CUDA build.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.base
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

index: $(VENV)/.base
	$(BIN)/python -m bot build --if-stale

run: index
	$(BIN)/python -m bot serve --host $(HOST) --port $(PORT)

lint: $(VENV)/.test
	$(BIN)/ruff check bot tests benchmarks docs

# The redis and browser tiers need Debian's redis-server and chromium (never a downloaded
# browser); installed here when missing, which needs root, as on CI.
sysdeps:
	@command -v redis-server >/dev/null && command -v chromium >/dev/null || { \
	  echo "installing redis-server and chromium with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server chromium >/dev/null; }

# Every tier: unit (fake embedder), integration (real models, FAISS), redis, browser.
test: lint sysdeps
	$(BIN)/python -m pytest

test-unit: $(VENV)/.test
	$(BIN)/python -m pytest -m "not integration and not browser and not redis"

# Build, cold start, in-process latency, then /ask against the quick-start baseline and under
# 1/16/50 clients; tables on stdout, JSON in benchmarks/results/. Scale: benchmarks/scale.py.
bench: $(VENV)/.test
	$(BIN)/python benchmarks/foundation.py
	$(BIN)/python benchmarks/compare.py --rebuild --answer-cache --clients 1 16 50 --load-seconds 60

clean:
	rm -rf $(VENV) index/current index/.current.*
