#!/usr/bin/env bash
# GET /api/connectors/jira/items through the host and the Jira plugin, versus
# the same Jira search answered by nginx directly: same machine, same run,
# same load tool (wrk). nginx serves a fixed 50-issue /search/jql page.
#   benchmarks/items-throughput.sh [seconds per run]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$(repo_root)"
ensure_packages "${BUILD_PACKAGES[@]}" nginx-light wrk python3
ensure_swift
duration="${1:-15}"

swift build -c release --product connector-host >/dev/null
swift build -c release --product JiraPlugin >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
chmod 755 "$work"  # nginx workers run unprivileged and must read the fixture
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    [ -n "${host_pid:-}" ] && kill "$host_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
nginx_port="$(free_port)"
host_port="$(free_port)"

# A 50-issue search page and a current user, shaped as Jira's OpenAPI describes them.
python3 benchmarks/jira_fixture.py "$work"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/site;
        # Jira answers POST /search/jql; a static file needs this to answer POST.
        error_page 405 =200 \$uri;
    }
}
CONF
mkdir -p "$work/site/rest/api/3/search"
cp "$work/search.json" "$work/site/rest/api/3/search/jql"
cp "$work/myself.json" "$work/site/rest/api/3/myself"
nginx -c "$work/nginx.conf"

mkdir -p "$work/plugins"
cp "$bin/libJiraPlugin.so" "$work/plugins/jira.so"
PORT="$host_port" PLUGINS_DIR="$work/plugins" SQLITE_PATH="$work/host.sqlite" AUTH_MODE=development LOG_JSON=true \
    ENCRYPTION_KEY="J0AwVdjOlSXU4RxhgEK8DtCeTaEpW5ijhGv8yvCvCmI=" "$bin/connector-host" serve --env-file /nonexistent >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$host_port/ready" >/dev/null && break; sleep 0.1; done

connection="$(curl -sf -X POST "http://127.0.0.1:$host_port/api/connections" -H 'X-Tenant-Id: bench' -H 'Content-Type: application/json' \
    -d "{\"connectorId\":\"jira\",\"method\":\"api_key\",\"siteUrl\":\"http://127.0.0.1:$nginx_port\",\"email\":\"bench@example.com\",\"apiKey\":\"bench-token-123456\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["connectionId"])')"
items="http://127.0.0.1:$host_port/api/connectors/jira/items?connectionId=$connection&containerId=BENCH&limit=50"
test "$(curl -sf -H 'X-Tenant-Id: bench' "$items" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["items"]))')" = 50

cat > "$work/search.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"fields":["summary","status","issuetype","creator","reporter","created","updated","project"],"jql":"project = \"BENCH\" ORDER BY updated ASC, key ASC","maxResults":50}'
LUA

echo "# $(date -u +%Y-%m-%d), $(nproc) cores; wrk -t2 -c32 -d${duration}s --latency; 50 issues per response"
echo "## nginx answering the Jira search directly"
wrk -t2 -c32 -d"${duration}s" --latency -s "$work/search.lua" "http://127.0.0.1:$nginx_port/rest/api/3/search/jql" | grep -E "Requests/sec|  50%|  99%|Latency  "
echo "## the host: GET /api/connectors/jira/items → Jira plugin → libcurl → nginx"
wrk -t2 -c32 -d"${duration}s" --latency -H 'X-Tenant-Id: bench' "$items" | grep -E "Requests/sec|  50%|  99%|Latency  |Non-2xx"
