# The two commands of the README: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= graphkit.db

.PHONY: demo test bench clean

$(BIN)/graphkit: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/graphkit pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/graphkit
	$(BIN)/graphkit ingest seeds/ --aliases seeds/curation.yaml --db $(DB)
	$(BIN)/graphkit export --format html --out exports/graph.html --db $(DB)
	$(BIN)/graphkit export --format graphml --out exports/graph.graphml --db $(DB)
	$(BIN)/graphkit central --top 10 --db $(DB)

# Browser tests drive Debian's Chromium; install it when we may (root, apt available).
test: $(VENV)/.test-deps
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser tests" >&2; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium install failed; browser tests will be skipped" >&2; \
	fi
	$(BIN)/python -m pytest -q

bench: $(VENV)/.test-deps
	$(BIN)/python bench/ingest.py ../shared/corpora/mueller
	$(BIN)/python bench/query.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm exports/graph.*
