#!/usr/bin/env bash
# Installs what MinerPivot needs from the OS packages, only when it is missing. Sourced by run.sh and test.sh.

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "error: '$*' needs root; run it as root or install sudo." >&2; return 1; fi
}

apt_install() {
    if ! command -v apt-get >/dev/null; then
        echo "error: please install: $* (this script knows how only on Debian/Ubuntu)." >&2
        return 1
    fi
    if [ -z "${MINERPIVOT_APT_UPDATED:-}" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        export MINERPIVOT_APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

require_dotnet() {
    if ! command -v dotnet >/dev/null; then
        echo "error: the .NET 10 SDK is needed (https://dot.net); 'dotnet' is not on PATH." >&2
        exit 1
    fi
}

# The embedded database runs PostgreSQL's own server programs (initdb, pg_ctl, postgres).
ensure_postgres() {
    # The embedded-server tests need the programs even when MINERPIVOT_TEST_PG names a server.
    if [ -n "${ConnectionStrings__MinerPivot:-}" ] && [ -z "${MINERPIVOT_FOR_TESTS:-}" ]; then return 0; fi
    if [ -n "${MINERPIVOT_PG_BIN:-}" ] && [ -x "$MINERPIVOT_PG_BIN/pg_ctl" ]; then return 0; fi
    if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then return 0; fi
    echo "Installing PostgreSQL server programs (apt-get install postgresql)…"
    apt_install postgresql
}

# Browser tests drive the machine's Chromium; Playwright never downloads one.
ensure_chromium() {
    if [ -n "${MINERPIVOT_CHROMIUM:-}" ] && [ -x "$MINERPIVOT_CHROMIUM" ]; then return 0; fi
    if [ -x /usr/bin/chromium ] || [ -x /usr/bin/google-chrome ]; then return 0; fi
    echo "Installing Chromium for the browser tests (apt-get install chromium)…"
    apt_install chromium fonts-dejavu-core
}

# The one way the app is published: run.sh, test.sh and the Dockerfile all serve this output.
publish_app() {
    local out="$1"; shift
    dotnet publish src/MinerPivot.Web/MinerPivot.Web.csproj -c Release -o "$out" -nologo -v quiet "$@"
}
