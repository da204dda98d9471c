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

# A local run keeps its tokens readable across restarts with a key of its own,
# and without an admin key it runs in the explicit development auth mode.
mkdir -p var
if [ -z "${ENCRYPTION_KEY:-}" ] && ! grep -qs '^ENCRYPTION_KEY=.' .env; then
    [ -s var/local-encryption.key ] || "$bin/connector-host" keys generate > var/local-encryption.key
    export ENCRYPTION_KEY="$(cat var/local-encryption.key)"
fi
if [ -z "${AUTH_MODE:-}${ADMIN_API_KEY:-}" ] && ! grep -qsE '^(AUTH_MODE|ADMIN_API_KEY)=.' .env; then
    export AUTH_MODE=development
    log "no ADMIN_API_KEY: running with AUTH_MODE=development (no API keys; do not expose this host)"
fi

log "serving on http://127.0.0.1:${PORT:-8000} (docs at /docs)"
exec "$bin/connector-host" serve --plugins-dir "${PLUGINS_DIR:-plugins}" --port "${PORT:-8000}" "$@"
