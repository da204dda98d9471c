#!/usr/bin/env bash
# MongoDB wire-protocol test server for the store's MongoDB code path.
#
# Usage: scripts/services/mongo-test-server.sh start|stop|url|status
#   start   install what is missing (apt-get, root only), start the server in
#           the background, wait until it accepts connections, print
#           MONGODB_TEST_URL=mongodb://127.0.0.1:PORT on stdout. A running
#           server is reused.
#   stop    stop it (SIGTERM, then SIGKILL after 10 s). Fine if not running.
#   url     print MONGODB_TEST_URL of the running server; fails if none.
#   status  exit 0 when running, 1 otherwise.
#   smoke   build Tests/Support/mongo_smoke.c (libmongoc; installs libmongoc-dev
#           and pkg-config if missing; compiler: $CC, cc, clang or gcc) and run
#           it against the running server: one PASS/FAIL line per check.
#
#   set -a; eval "$(scripts/services/mongo-test-server.sh start)"; set +a
#
# The server is Tests/Support/mongo_test_server.py (mockupdb + mongomock, see
# its header for what it answers and refuses, and the {testFailAll} outage
# switch). No credentials, no TLS, 127.0.0.1 only.
#
# Environment:
#   SERVICES_DIR               state directory (default: <repo>/var/services);
#                              this service keeps pid, port and log in ./mongo
#   MONGO_TEST_SERVER_VERBOSE  1: log every command to the log file
set -euo pipefail

SERVICE_NAME="mongo-test-server"
# shellcheck source=scripts/services/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(python3-mockupdb python3-mongomock python3-pymongo)
PYTHON=/usr/bin/python3 # Debian's interpreter: the packages live in its dist-packages
SERVER="$SERVICES_REPO_ROOT/Tests/Support/mongo_test_server.py"
STATE_DIR="$SERVICES_DIR/mongo"
PID_FILE="$STATE_DIR/pid"
PORT_FILE="$STATE_DIR/port"
LOG_FILE="$STATE_DIR/server.log"
START_TIMEOUT_SECONDS=20

# Prints the pid of our running server, or fails.
running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE")"
  process_matches "$pid" "mongo_test_server.py" || return 1
  printf '%s\n' "$pid"
}

# Prints the port of our running server when it accepts connections, or fails.
listening_port() {
  local port
  running_pid >/dev/null || return 1
  [ -s "$PORT_FILE" ] || return 1
  port="$(cat "$PORT_FILE")"
  port_open "$port" || return 1
  printf '%s\n' "$port"
}

cmd_url() {
  local port
  port="$(listening_port)" || die "not running (start it with: $0 start)"
  printf 'MONGODB_TEST_URL=mongodb://127.0.0.1:%s\n' "$port"
}

cmd_start() {
  local pid deadline verbose=()
  if listening_port >/dev/null; then
    say "already running (pid $(running_pid))"
    cmd_url
    return 0
  fi
  ensure_packages "${PACKAGES[@]}"
  [ -f "$SERVER" ] || die "server script not found: $SERVER"
  cmd_stop_quietly || true # a stale pid file from a crashed run
  mkdir -p "$STATE_DIR"
  rm -f "$PID_FILE" "$PORT_FILE"
  if [ "${MONGO_TEST_SERVER_VERBOSE:-0}" = "1" ]; then
    verbose=(--verbose)
  fi
  # setsid: own session, so the caller's Ctrl-C or hangup does not reach it.
  setsid "$PYTHON" "$SERVER" --port 0 --port-file "$PORT_FILE" "${verbose[@]}" \
    </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  say "starting (pid $pid, log $LOG_FILE)"

  deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until listening_port >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      die "the server exited during startup (log above)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$LOG_FILE" >&2 || true
      die "not accepting connections after ${START_TIMEOUT_SECONDS}s (log above)"
    fi
    sleep 0.1
  done
  say "listening on 127.0.0.1:$(cat "$PORT_FILE")"
  cmd_url
}

# Stops our server if it runs; silent when it does not.
cmd_stop_quietly() {
  local pid waited
  pid="$(running_pid)" || {
    rm -f "$PID_FILE" "$PORT_FILE"
    return 1
  }
  kill -TERM "$pid" 2>/dev/null || true
  for waited in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    : "$waited"
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid ignored SIGTERM for 10s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
  return 0
}

cmd_stop() {
  if cmd_stop_quietly; then
    say "stopped"
  else
    say "not running"
  fi
}

# Prints the C compiler to use, or fails.
c_compiler() {
  local candidate
  for candidate in "${CC:-}" cc clang gcc; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

cmd_smoke() {
  local source="$SERVICES_REPO_ROOT/Tests/Support/mongo_smoke.c" binary="$STATE_DIR/mongo_smoke"
  local url compiler
  url="$(cmd_url)"
  ensure_packages libmongoc-dev pkg-config
  compiler="$(c_compiler)" || die "no C compiler (set CC, or apt-get install gcc)"
  if [ ! -x "$binary" ] || [ "$source" -nt "$binary" ]; then
    say "building $binary with $compiler"
    # shellcheck disable=SC2046 # pkg-config prints several words on purpose
    "$compiler" -std=c11 -O1 -Wall -Wextra -o "$binary" "$source" \
      $(pkg-config --cflags --libs libmongoc-1.0) -pthread
  fi
  "$binary" "${url#MONGODB_TEST_URL=}"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  status) listening_port >/dev/null ;;
  smoke) cmd_smoke ;;
  *)
    echo "usage: $0 start|stop|url|status|smoke" >&2
    exit 2
    ;;
esac
