#!/usr/bin/env bash
# Runs every benchmark in release mode and writes benchmarks/RESULTS.md.
#   benchmarks/run.sh
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$(repo_root)"
ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_swift

swift build -c release
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"; scripts/services/mongo-test-server.sh stop >/dev/null 2>&1 || true' EXIT

scripts/install-sdk.sh "$work/sdk" >/dev/null
cc -shared -fPIC -O2 -fvisibility=hidden -Wl,-Bsymbolic -I "$work/sdk/include" Plugins/CExample/http_check.c -o "$work/http-check.so"
mkdir -p "$work/plugins"
for plugin in Jira Confluence Salesforce PostgreSQL; do cp "$bin/lib${plugin}Plugin.so" "$work/plugins/${plugin,,}.so"; done
eval "$(scripts/services/mongo-test-server.sh start)"

# Commands are shown relative to the checkout, temporary files as $WORK.
run() { printf '$ %s\n' "$*" | sed -e "s|$(pwd)/||g" -e "s|$work|\$WORK|g" -e "s|$MONGODB_TEST_URL|\$MONGODB_TEST_URL|g"; "$@"; printf '\n'; }
{
    echo "# Benchmark results"
    echo
    echo "Recorded by \`benchmarks/run.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m), $(swift --version 2>/dev/null | head -1))."
    echo "Release builds. Each block shows the command that produced it."
    echo
    echo '```'
    run "$bin/connector-benchmarks" calls --swift-plugin "$bin/libJiraPlugin.so" --c-plugin "$work/http-check.so"
    run "$bin/connector-benchmarks" hot-add --plugin "$bin/libJiraPlugin.so"
    run "$bin/connector-benchmarks" hot-add --plugin "$work/http-check.so"
    run python3 benchmarks/startup.py "$bin/connector-host" "$work/plugins"
    run "$bin/connector-benchmarks" store --mongodb-url "$MONGODB_TEST_URL"
    run benchmarks/items-throughput.sh 15
    echo '```'
} | tee benchmarks/RESULTS.md.new
mv benchmarks/RESULTS.md.new benchmarks/RESULTS.md
