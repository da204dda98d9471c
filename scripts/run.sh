#!/usr/bin/env bash
# Installs what is missing, builds the host and the four connector plugins in
# release mode, and serves the API on port 8000 with the embedded SQLite store.
#   scripts/run.sh [connector-host serve options]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$(repo_root)"

ensure_packages "${BUILD_PACKAGES[@]}"
ensure_swift

log "building (release)"
swift build -c release
bin="$(swift build -c release --show-bin-path)"

# Deploy the way operators should: copy next to the target, then rename() into place.
mkdir -p plugins
for plugin in Jira Confluence Salesforce PostgreSQL; do
    cp "$bin/lib${plugin}Plugin.so" "plugins/.${plugin}.so.tmp"
    mv -f "plugins/.${plugin}.so.tmp" "plugins/${plugin,,}.so"
done

log "serving on http://127.0.0.1:${PORT:-8000} (docs at /docs)"
exec "$bin/connector-host" serve --plugins-dir "${PLUGINS_DIR:-plugins}" --port "${PORT:-8000}" "$@"
