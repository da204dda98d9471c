# Shared by the project's scripts: sourced, not run.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

log() { printf '==> %s\n' "$*" >&2; }

# Puts the Swift toolchain on PATH when it is installed but not yet there.
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
        export PATH="/opt/swift/usr/bin:$PATH"
    fi
    command -v swift >/dev/null 2>&1 || { log "Swift 6.3 is not installed (expected at /opt/swift)"; exit 1; }
}

# Installs the Debian packages named in $@ that are missing.
ensure_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        log "missing packages: ${missing[*]}; run: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
        exit 1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What building the host and its plugins needs.
BUILD_PACKAGES=(pkg-config gcc libc6-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev libmongoc-dev libpq-dev)
# What the tests add: the MongoDB wire-protocol test server, PostgreSQL, Fernet interop, a C compiler for C plugins.
TEST_PACKAGES=(openssl python3 python3-mockupdb python3-mongomock python3-pymongo python3-cryptography postgresql postgresql-client)
