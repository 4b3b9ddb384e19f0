# make check = lint + test, the same command CI runs (.ci/run).
.PHONY: check lint test build

build:
	npm run --silent build

lint: build
	npx tsc --noEmit -p tsconfig.json

test: build
	npx vitest run

check:
	$(MAKE) lint
	$(MAKE) test
