#!/usr/bin/env bash
# Throw-away PostgreSQL 15 cluster for the PostgreSQL connector's tests.
#
# Usage: scripts/services/postgres.sh start|stop|url|status
#   start   install `postgresql` if missing (apt-get, root only), create a
#           fresh cluster (initdb), start it on 127.0.0.1 on a free port,
#           create the roles and the database, print on stdout:
#             POSTGRES_TEST_URL=postgresql://connector_owner:PW@127.0.0.1:PORT/connector_test
#             POSTGRES_TEST_READONLY_URL=postgresql://connector_readonly:PW@127.0.0.1:PORT/connector_test
#           A running cluster is reused (same URLs).
#   stop    stop the cluster and delete it. Fine if not running.
#   url     print the two URLs of the running cluster; fails if none.
#   status  exit 0 when running, 1 otherwise.
#
#   set -a; eval "$(scripts/services/postgres.sh start)"; set +a
#
# What exists after start (fixtures are the tests' business):
#   connector_owner     LOGIN, no superuser/createdb/createrole; owns the
#                       database connector_test (so: creates schemas, tables,
#                       views, comments in it)
#   connector_readonly  LOGIN, CONNECT on connector_test and nothing else
#                       (no table privileges): for missing-privilege tests
#   postgres            superuser, reachable only through the Unix socket in
#                       the state directory (trust), never over TCP
#   PUBLIC has no CONNECT/TEMP on connector_test.
# Passwords are random per cluster (hex, URL-safe) and kept in the state dir.
# Tuned for speed, not durability: fsync, synchronous_commit and
# full_page_writes off, 16MB shared_buffers, wal_level minimal.
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the
# `postgres` system user (created by the package) and every server command
# runs through `runuser -u postgres`; as any other user it runs as that user.
# If the postgres user cannot reach the state directory (e.g. a repository
# under /root), or the socket path would be too long, the cluster lives in a
# private directory under /tmp instead (recorded in the state dir).
#
# Environment:
#   SERVICES_DIR  state directory (default: <repo>/var/services); this
#                 service keeps its files in ./postgres
set -euo pipefail

SERVICE_NAME="postgres"
# shellcheck source=scripts/services/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(postgresql)
PG_MAJOR=15
DATABASE=connector_test
OWNER_ROLE=connector_owner
READONLY_ROLE=connector_readonly
STATE_DIR="$SERVICES_DIR/postgres"
CLUSTER_POINTER="$STATE_DIR/cluster-dir" # where data/, run/ and server.log live
PORT_FILE="$STATE_DIR/port"
OWNER_SECRET_FILE="$STATE_DIR/owner.password"
READONLY_SECRET_FILE="$STATE_DIR/readonly.password"
MAX_SOCKET_DIR_LENGTH=90 # sun_path holds 107 bytes; ".s.PGSQL.NNNNN" needs 15

if is_root; then
  RUN_AS=(runuser -u postgres --)
else
  RUN_AS=()
fi

# Runs a command as the cluster's owner, from a directory it can enter.
as_owner() {
  (cd / && "${RUN_AS[@]}" "$@")
}

# Prints the bin directory of the installed PostgreSQL (15 preferred).
pg_bin_dir() {
  local dir candidates=("/usr/lib/postgresql/$PG_MAJOR/bin" /usr/lib/postgresql/*/bin)
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}

# Prints the cluster directory of the current cluster, or fails.
cluster_dir() {
  [ -s "$CLUSTER_POINTER" ] || return 1
  cat "$CLUSTER_POINTER"
}

is_running() {
  local dir bin
  dir="$(cluster_dir)" || return 1
  bin="$(pg_bin_dir)" || return 1
  [ -f "$dir/data/PG_VERSION" ] || return 1
  as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || return 1
  [ -s "$PORT_FILE" ] && port_open "$(cat "$PORT_FILE")"
}

cmd_url() {
  local port
  is_running || die "not running (start it with: $0 start)"
  port="$(cat "$PORT_FILE")"
  printf 'POSTGRES_TEST_URL=postgresql://%s:%s@127.0.0.1:%s/%s\n' \
    "$OWNER_ROLE" "$(cat "$OWNER_SECRET_FILE")" "$port" "$DATABASE"
  printf 'POSTGRES_TEST_READONLY_URL=postgresql://%s:%s@127.0.0.1:%s/%s\n' \
    "$READONLY_ROLE" "$(cat "$READONLY_SECRET_FILE")" "$port" "$DATABASE"
}

# Chooses and creates the directory for a new cluster; prints it.
new_cluster_dir() {
  local dir="$STATE_DIR/cluster"
  if [ "${#dir}" -gt "$MAX_SOCKET_DIR_LENGTH" ] ||
    { is_root && ! runuser -u postgres -- test -x "$STATE_DIR"; }; then
    dir="$(mktemp -d /tmp/connector-test-postgres.XXXXXX)"
    say "using $dir for the cluster (postgres cannot use $STATE_DIR, or the socket path is too long)"
  else
    mkdir -p "$dir"
  fi
  if is_root; then
    chown postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  printf '%s\n' "$dir"
}

# Stops the current cluster if it runs and deletes it and the state files.
destroy_cluster() {
  local dir bin
  if dir="$(cluster_dir)"; then
    if bin="$(pg_bin_dir)" && [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
  fi
  rm -rf "$STATE_DIR/cluster"
  rm -f "$CLUSTER_POINTER" "$PORT_FILE" "$OWNER_SECRET_FILE" "$READONLY_SECRET_FILE" \
    "$STATE_DIR/initdb.log"
}

write_config() {
  local dir="$1"
  cat >>"$dir/data/postgresql.conf" <<EOF

# --- scripts/services/postgres.sh: throw-away test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/run'
unix_socket_permissions = 0700
max_connections = 50
shared_buffers = 16MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
log_min_messages = warning
log_line_prefix = '%m [%p] %u@%d '
EOF
}

# Starts the server on a free port (retries on a lost race); prints the port.
start_server() {
  local dir="$1" bin="$2" attempt port
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port" start >/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
    if ! grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null; then
      break
    fi
    say "port $port was taken meanwhile (attempt $attempt); trying another"
  done
  tail -n 20 "$dir/server.log" >&2 || true
  die "PostgreSQL did not start (log above: $dir/server.log)"
}

create_roles_and_database() {
  local dir="$1" bin="$2" port="$3"
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U postgres -d postgres \
    -v owner_pw="$(cat "$OWNER_SECRET_FILE")" -v readonly_pw="$(cat "$READONLY_SECRET_FILE")" \
    >/dev/null <<SQL
CREATE ROLE $OWNER_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_pw';
CREATE ROLE $READONLY_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'readonly_pw';
CREATE DATABASE $DATABASE OWNER $OWNER_ROLE ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE $DATABASE FROM PUBLIC;
GRANT CONNECT ON DATABASE $DATABASE TO $READONLY_ROLE;
COMMENT ON DATABASE $DATABASE IS 'Throw-away database for the PostgreSQL connector tests';
SQL
}

cmd_start() {
  local bin dir port
  if is_running; then
    say "already running on 127.0.0.1:$(cat "$PORT_FILE") (cluster $(cluster_dir))"
    cmd_url
    return 0
  fi
  ensure_packages "${PACKAGES[@]}"
  bin="$(pg_bin_dir)" || die "no PostgreSQL binaries under /usr/lib/postgresql/*/bin"
  if is_root && ! id postgres >/dev/null 2>&1; then
    die "running as root needs the 'postgres' system user (created by the postgresql package)"
  fi

  destroy_cluster # leftovers of a crashed or rebooted run
  mkdir -p "$STATE_DIR"
  chmod 755 "$STATE_DIR" # postgres must traverse it to reach ./cluster; secrets are 0600
  dir="$(new_cluster_dir)"
  printf '%s\n' "$dir" >"$CLUSTER_POINTER"
  (umask 077 && random_secret >"$OWNER_SECRET_FILE" && random_secret >"$READONLY_SECRET_FILE")

  say "initdb in $dir/data ($("$bin/postgres" --version))"
  as_owner mkdir -p "$dir/run"
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --no-locale --no-sync >"$STATE_DIR/initdb.log" 2>&1; then
    cat "$STATE_DIR/initdb.log" >&2
    die "initdb failed"
  fi
  write_config "$dir"

  port="$(start_server "$dir" "$bin")"
  printf '%s\n' "$port" >"$PORT_FILE"
  create_roles_and_database "$dir" "$bin" "$port"
  say "listening on 127.0.0.1:$port (cluster $dir)"
  cmd_url
}

cmd_stop() {
  if cluster_dir >/dev/null; then
    destroy_cluster
    say "stopped and deleted"
  else
    destroy_cluster
    say "not running"
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  status) is_running ;;
  *)
    echo "usage: $0 start|stop|url|status" >&2
    exit 2
    ;;
esac
