# shellcheck shell=bash
# Shared helpers for scripts/services/*.sh. Sourced, never run.
#
# Callers set SERVICE_NAME before sourcing. Messages go to stderr; stdout is
# reserved for KEY=VALUE lines so that `eval "$(script start)"` works.

SERVICES_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_DIR="${SERVICES_DIR:-$SERVICES_REPO_ROOT/var/services}"
mkdir -p "$SERVICES_DIR"
SERVICES_DIR="$(cd "$SERVICES_DIR" && pwd)"

say() {
  printf '%s: %s\n' "$SERVICE_NAME" "$*" >&2
}

die() {
  say "error: $*"
  exit 1
}

is_root() {
  [ "$(id -u)" -eq 0 ]
}

# ensure_packages PACKAGE...: installs the Debian packages that are missing.
# Root only (CI runs as root); anyone else gets the command to run.
ensure_packages() {
  local missing=() package status
  for package in "$@"; do
    # shellcheck disable=SC2016 # ${Status} is dpkg-query's format, not ours
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [ "$status" != "install ok installed" ]; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  if ! is_root; then
    die "missing Debian packages: ${missing[*]}. As root, run:
  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  fi
  say "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
    die "apt-get install ${missing[*]} failed"
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: prints a port in 20000-49999 on which nothing listens now.
free_port() {
  local attempt port
  for attempt in $(seq 1 50); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
    if ! port_open "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
    : "$attempt"
  done
  die "no free TCP port found on 127.0.0.1"
}

# process_matches PID TEXT: true when process PID is alive and its command line contains TEXT.
process_matches() {
  local pid="$1" text="$2"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$text"
}

# random_secret: 36 hex characters, safe inside URLs.
random_secret() {
  od -An -N18 -tx1 /dev/urandom | tr -d ' \n'
}
