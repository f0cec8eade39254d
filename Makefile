# Every target bootstraps .venv from nothing; nothing relies on a hand-made install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH ?= all
# make test's pytest-xdist workers
WORKERS ?= 2

.PHONY: run test bench fuzz-api lint typecheck venv clean system-deps

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,bench,spark]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP) system-deps
	POLICYREACH_DEMO=1 $(BIN)/policyreach run

# System packages, installed only when missing: PostgreSQL (store tests), chromium and the CJK font (PDF
# reports, browser tests), Node with npm and the npm packages oidc-provider (unified sign-in tests) and axe-core
# (the accessibility audit).
APT_INSTALL := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
system-deps:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		($(APT_INSTALL) postgresql)
	@command -v chromium >/dev/null 2>&1 || ($(APT_INSTALL) chromium)
	@command -v java >/dev/null 2>&1 || ($(APT_INSTALL) openjdk-17-jre-headless)  # Spark back end (tests/spark)
	@fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ($(APT_INSTALL) fonts-noto-cjk)
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || ($(APT_INSTALL) nodejs npm)
	@# the OpenID Connect provider the unified sign-in tests start (tests/oidc), at the version package-lock.json pins
	@test -d tests/oidc/node_modules/oidc-provider || (cd tests/oidc && npm ci --no-audit --no-fund)
	@# axe-core, which the accessibility audit injects into every page from this local copy (never from a CDN)
	@test -f tests/browser/axe/node_modules/axe-core/axe.min.js || (cd tests/browser/axe && npm ci --no-audit --no-fund)

# The native kernel is compiled into its cache first (`policyreach warm`): a process that finds the cache empty spends
# a minute or two of CPU compiling it, and the test processes and the servers they start would each do so at once.
# Its parallel path compiles in one process while the other core lints (format, the layers), compiles the serial
# path, then type-checks (mypy, on into the tests' start): the lint and mypy fill the core the warm-up leaves idle. A
# lint failure stops the target at once. Then, together: with the plug-ins disabled, the tests that show the policy
# side runs without the conference (every route as every role, two processes); and every test with every plug-in on
# both cores, each file on one worker (--dist loadfile), so the fixtures a file shares are built once per worker, in
# collection order (tests/conftest.py starts the longest files first; xdist's default reorder hands out the files
# with the most tests first, which left those one-test files to run alone at the end). The cores are busy
# throughout, so only less CPU shortens the run, not another worker (three took longer than two). The side pass's and
# mypy's output follows the main pass's, and any step failing fails the target. The domain suites do not read the
# plug-in setting: run once.
# Two workers each start the kernel's two OpenMP threads (and scikit-learn's): on two cores, threads that spin while
# they wait take the core from the other worker (the parallel kernel's tests: 7.3 s → 5.2 s beside two busy
# processes with OMP_WAIT_POLICY=PASSIVE). The tests only; `make bench` keeps OpenMP's default.
test: export OMP_WAIT_POLICY = PASSIVE
test: $(STAMP) system-deps
	$(BIN)/policyreach warm --part parallel > .warm.out 2>&1 & big=$$!; \
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports --no-cache \
		|| { kill $$big; rm -f .warm.out; exit 1; }; \
	$(BIN)/policyreach warm --part serial; small=$$?; \
	$(BIN)/mypy > .mypy.out 2>&1 & mypy=$$!; \
	wait $$big; warmed=$$?; cat .warm.out; rm -f .warm.out; \
	POLICYREACH_PLUGINS=none $(BIN)/pytest -p no:cacheprovider tests/web/test_authorization.py \
		tests/integration/test_processes.py > .bare.out 2>&1 & bare=$$!; \
	$(BIN)/pytest -n $(WORKERS) --dist loadfile --no-loadscope-reorder --durations=15; passed=$$?; \
	wait $$bare; alone=$$?; wait $$mypy; typed=$$?; \
	echo "== with the plug-ins disabled (POLICYREACH_PLUGINS=none) =="; cat .bare.out; \
	echo "== mypy =="; cat .mypy.out; rm -f .mypy.out .bare.out; \
	[ $$small -eq 0 ] && [ $$warmed -eq 0 ] && [ $$passed -eq 0 ] && [ $$alone -eq 0 ] && [ $$typed -eq 0 ]

# The API schema test with many generated requests per operation (make test runs 10 each): figures in BENCHMARKS.md
FUZZ_EXAMPLES ?= 300
fuzz-api: $(STAMP)
	POLICYREACH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider --durations=1 tests/web/test_api_schema.py

bench: $(STAMP)
	BENCH=$(BENCH) $(BIN)/python -m benchmarks.run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# Files, strictness and stub-less third-party modules are set in pyproject.toml's [tool.mypy].
typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache
