# Inkwell: every target installs what it needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
FRONTEND := frontend
NODE_STAMP := $(FRONTEND)/node_modules/.installed
export FLASK_APP := inkwell



.PHONY: help install translations dev stack system-packages e2e bench fuzz chaos test test-backend test-postgres test-frontend lint fmt migrate seed \
	frontend clean lighthouse screenshots

help: ## list the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}'

$(STAMP): backend/requirements.txt backend/requirements-dev.txt backend/pyproject.toml
	@echo "==> Python environment ($(VENV))"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install -q --disable-pip-version-check -r backend/requirements-dev.txt
	@# inkwell and the devstack harness, editable: tests, e2e and bench import them by name.
	@$(PIP) install -q --disable-pip-version-check --no-deps -e backend
	@touch $@

install: $(STAMP) ## create the virtualenv and install pinned dependencies

translations: $(STAMP) ## compile the server's message catalogs (.po -> .mo)
	@cd backend && ../$(PY) -m flask translate compile >/dev/null

$(NODE_STAMP): $(FRONTEND)/package-lock.json
	@echo "==> npm ci ($(FRONTEND))"
	@cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend: $(NODE_STAMP) ## build the SPA into frontend/dist
	@echo "==> Building the SPA"
	@cd $(FRONTEND) && npm run build

dev: $(STAMP) translations frontend ## run everything in one process on http://127.0.0.1:5000 (SQLite, no Redis)
	@mkdir -p backend/instance
	@cd backend && ../$(PY) -m flask deploy
	@echo "==> Inkwell on http://127.0.0.1:$${PORT:-5000} (Ctrl-C stops it)"
	@cd backend && ../$(PY) serve.py --host 127.0.0.1 --port $${PORT:-5000}

stack: $(STAMP) translations frontend system-packages ## run nginx, 2 API workers, Redis, RQ worker, SMTP sink on :8080
	@cd backend && ../$(PY) -m devstack.stack

system-packages: ## install redis-server, nginx, chromium and postgresql when missing (root + apt)
	@./scripts/system-packages.sh

migrate: $(STAMP) ## upgrade the database (DATABASE_URL) to the latest migration
	@cd backend && ../$(PY) -m flask deploy

seed: $(STAMP) ## fill the database with fake data (USERS=100 POSTS=1000)
	@cd backend && ../$(PY) -m flask deploy
	@cd backend && ../$(PY) -m flask seed --users $${USERS:-100} --posts $${POSTS:-1000}

lint: $(STAMP) $(NODE_STAMP) ## ruff, import contracts, TypeScript, ESLint, API type drift
	@echo "==> ruff"
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	@echo "==> import contracts (layers, no HTTP below the API, no cycles)"
	@cd backend && ../$(VENV)/bin/lint-imports --no-cache
	@echo "==> tsc --noEmit"
	@cd $(FRONTEND) && npm run typecheck
	@echo "==> ESLint (react-hooks rules, no warnings)"
	@cd $(FRONTEND) && npm run lint
	@echo "==> SPA API types in step with /api/openapi.json"
	@cd $(FRONTEND) && npm run types:check

fmt: $(STAMP) ## format the Python code
	@$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

test: system-packages lint test-backend test-postgres test-frontend e2e ## everything: lint, API on SQLite and PostgreSQL, SPA, browser journeys
	@echo "==> all tests passed"

test-backend: $(STAMP) translations frontend ## the API suite on SQLite, with a coverage report
	@echo "==> API tests on SQLite"
	@cd backend && ../$(PY) -m pytest --cov --cov-report=term:skip-covered \
		--cov-report=html:../htmlcov $(PYTEST_ARGS)

test-postgres: $(STAMP) translations frontend ## the API suite on PostgreSQL (required when CI=true)
	@url=$$(PYTHON=$(PY) ./scripts/ensure-postgres.sh) || true; \
	if [ -z "$$url" ]; then \
		if [ "$$CI" = "true" ]; then echo "FAIL: PostgreSQL is required in CI and none could be started"; exit 1; fi; \
		echo "NOTE: no PostgreSQL server reachable: the API suite ran on SQLite only"; exit 0; \
	fi; \
	echo "==> API tests on PostgreSQL"; \
	status=0; (cd backend && TEST_POSTGRES_URL=$$url INKWELL_TEST_DB=postgres \
		../$(PY) -m pytest -q $(PYTEST_ARGS)) || status=$$?; \
	PYTHON=$(PY) ./scripts/ensure-postgres.sh --stop; exit $$status

test-frontend: frontend ## SPA: unit tests and the initial-JS budget (60 KB gzip) of the build
	@echo "==> SPA tests"
	@cd $(FRONTEND) && npm test && npm run budget

e2e: $(STAMP) translations frontend system-packages ## browser journeys in Chromium through nginx against the stack (~2 min)
	@echo "==> e2e journeys"
	@./e2e/run.sh $(E2E_ARGS)
	@# The picture journeys again with pictures in a bucket (a local S3 server): browsers load
	@# them from its origin, which nginx's CSP must allow (SPEC §9: both storage backends).
	@if [ -z "$(E2E_ARGS)" ]; then \
	  echo "==> e2e picture journeys, pictures in S3"; \
	  E2E_MEDIA_STORAGE=s3 ./e2e/run.sh -k "test_17_pictures or test_18_viewer_avatar"; \
	fi

bench: $(STAMP) translations frontend system-packages ## benchmarks (BENCH_ARGS="--million" for the 1M-post feed); table + bench/results.json
	@cd $(FRONTEND) && npm run budget
	@$(PY) bench/run.py $(BENCH_ARGS)

fuzz: $(STAMP) translations ## a long schemathesis run against /api/openapi.json (FUZZ_EXAMPLES=500)
	@cd backend && FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-500} ../$(PY) -m pytest -q tests/test_fuzz.py

chaos: $(STAMP) translations frontend system-packages ## 50 socket clients via nginx for 2 min, a worker SIGKILLed every 15 s, Redis restarted (CHAOS_*)
	@echo "==> chaos run (tests/test_chaos.py at full size)"
	@cd backend && CHAOS_CLIENTS=$${CHAOS_CLIENTS:-50} CHAOS_SECONDS=$${CHAOS_SECONDS:-120} \
		CHAOS_KILL_EVERY=$${CHAOS_KILL_EVERY:-15} CHAOS_SEND_EVERY=$${CHAOS_SEND_EVERY:-2} \
		CHAOS_REDIS_DOWN=$${CHAOS_REDIS_DOWN:-5} \
		../$(PY) -m pytest -q -s -p no:cacheprovider tests/test_chaos.py $(PYTEST_ARGS)

lighthouse: $(STAMP) translations frontend system-packages ## Lighthouse scores of / and /explore as make dev serves them (npx fetches Lighthouse)
	@$(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

screenshots: $(STAMP) translations frontend system-packages ## regenerate docs/screenshots (desktop and phone, light and dark)
	@$(PY) scripts/screenshots.py $(SCREENSHOT_ARGS)

clean: ## remove the virtualenv, builds, caches and local databases
	rm -rf $(VENV) $(FRONTEND)/node_modules $(FRONTEND)/dist htmlcov .coverage .run test-results \
		backend/instance .pytest_cache backend/.pytest_cache
