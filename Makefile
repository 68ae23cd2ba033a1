# Build targets for `sam build`. Every function in template.yaml says `BuildMethod: makefile`, so
# SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set to the folder it zips for that function
# (docs/deployment.md, "How sam build bundles the functions"). Each target bundles one function
# with scripts/build.mjs, the same bundle as `npm run build`: SAM's own esbuild method cannot load
# the esbuild plugins that keep each bundle under 1.5 MB.
#
# By hand: make build-ScanFunction ARTIFACTS_DIR=/tmp/scan   (writes /tmp/scan/handler.mjs)

# The repository root, where this Makefile lives: SAM runs make from a scratch copy of the project.
ROOT := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
NODE ?= node

# $(call bundle,<functions/ folder name>): the function's bundle, as handler.mjs in ARTIFACTS_DIR,
# where its `Handler: handler.handler` resolves.
define bundle
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run sam build, or make $@ ARTIFACTS_DIR=<folder>." >&2; exit 2; }
	@test -d "$(ROOT)node_modules/esbuild" || { echo "esbuild is missing: run npm ci in $(ROOT) first." >&2; exit 2; }
	$(NODE) "$(ROOT)scripts/build.mjs" --function $(1) --outdir "$(ARTIFACTS_DIR)"
endef

.PHONY: build-ScanFunction build-NotifyFunction build-OrgTargetsFunction build-OrgAggregateFunction build-LiveFunction

build-ScanFunction:
	$(call bundle,scan)

build-NotifyFunction:
	$(call bundle,notify)

build-OrgTargetsFunction:
	$(call bundle,org-targets)

build-OrgAggregateFunction:
	$(call bundle,org-aggregate)

build-LiveFunction:
	$(call bundle,live)
