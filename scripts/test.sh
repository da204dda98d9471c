#!/usr/bin/env bash
# Installs what is missing, starts the services the tests need (a MongoDB
# wire-protocol test server, a throw-away PostgreSQL), builds everything and
# runs every test. Services are stopped on exit.
#   scripts/test.sh [swift test options, e.g. --filter PluginRuntime]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$(repo_root)"

ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_swift

cleanup() {
    scripts/services/mongo-test-server.sh stop >/dev/null 2>&1 || true
    scripts/services/postgres.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "starting test services"
set -a
eval "$(scripts/services/mongo-test-server.sh start)"
eval "$(scripts/services/postgres.sh start)"
set +a

log "building host, plugins and tests"
swift build --build-tests
export CONNECTOR_BUILD_DIR="$(swift build --show-bin-path)"

log "running tests"
swift test --skip-build "$@"
