# make check = make lint + make test, run in parallel after one build; CI (.ci/run) and the
# README call `make check`.
CLI := ./bin/claw-provision.js
PLAYBOOKS := playbook.yml bench/playbook.yml

.PHONY: deps check lint test build typecheck lint-yaml syntax unit molecule test-reliability bench

# Debian packages the tests need (when missing) and the npm packages.
deps:
	scripts/install-deps.sh

build:
	npm run --silent build

typecheck:
	npx tsc --noEmit -p tsconfig.json

lint-yaml: build
	$(CLI) lint .

syntax: build
	@for p in $(PLAYBOOKS); do $(CLI) apply $$p -i inventory/local.yml --syntax-check || exit 1; done

lint: typecheck lint-yaml syntax

unit: build
	npx vitest run

molecule: build
	$(CLI) test

test: unit molecule

check: build
	$(MAKE) --no-print-directory -j2 typecheck lint-yaml syntax
	$(MAKE) --no-print-directory unit molecule

# Long fault-injection and fuzz runs (.ci/run runs them after `make check`).
test-reliability: build
	CLAW_RELIABILITY=1 npx vitest run test/reliability

bench: build
	bench/run
