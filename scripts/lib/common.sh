# shellcheck shell=bash
# Helpers shared by scripts/run, scripts/test and scripts/bench. Source it, do not run it:
#   source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/common.sh"
# Everything here works from any current directory: paths are taken from this file's location.

RD_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd -P)"
RD_SCRIPT="$(basename "$0")"

# Debian 12 packages the build, the tests and the demo need (../shared/toolchain.md).
# apt resolves the rest; libqt6sql6-sqlite/-psql are listed because --no-install-recommends
# would otherwise leave Qt without SQL drivers.
RD_PACKAGES=(
    cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools libqt6opengl6-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql
    qt6-pdf-dev qt6-httpserver-dev qt6-charts-dev qtkeychain-qt6-dev libssl-dev openssl
    xvfb xauth postgresql python3-aiosmtpd gnome-keyring dbus-daemon dbus-bin
    libargon2-dev libqrencode-dev libicu-dev fonts-dejavu-core poppler-utils zbar-tools
    qt6-qpa-plugins qt6-wayland cage xwayland dpkg-dev file
)

rd_log() { printf '%s: %s\n' "$RD_SCRIPT" "$*" >&2; }

# Under `set -e` a failing command ends a script without a word; this says which one did, so
# no script exits non-zero without saying why. errtrace carries the trap into functions.
rd_on_error() {
    local status=$1 line=$2 command=$3
    rd_log "error: '$command' exited with status $status (line $line)"
}
set -o errtrace
trap 'rd_on_error $? $LINENO "$BASH_COMMAND"' ERR
rd_die() {
    rd_log "error: $*"
    exit 1
}

rd_nproc() { nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2; }

# Installs the packages of RD_PACKAGES that are not installed yet; does nothing (and asks
# nothing) when all are there, so a second run costs a few dpkg-query calls.
rd_install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        rd_log "warning: dpkg-query not found (not Debian?); make sure these are installed: ${RD_PACKAGES[*]}"
        return 0
    fi
    # One dpkg-query for all; a package it does not know is missing too. dpkg-query exits
    # non-zero whenever one is not installed, which is the very case we are here for: under
    # `set -e -o pipefail` its status would end the script before it says a word.
    local installed missing=() package
    installed=" $({ dpkg-query -W -f='${Package}=${Status}\n' "${RD_PACKAGES[@]}" 2>/dev/null || true; } |
        sed -n 's/=install ok installed$//p' | tr '\n' ' ') "
    for package in "${RD_PACKAGES[@]}"; do
        if [[ $installed != *" $package "* ]]; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi

    local as_root=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo)
        else
            rd_die "missing Debian packages: ${missing[*]}; installing them needs root: run this script as root or with sudo installed, or run as root: apt-get install --no-install-recommends ${missing[*]}"
        fi
    fi
    rd_log "installing missing Debian packages: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update </dev/null ||
        rd_die "apt-get update failed (network or apt sources?)"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}" </dev/null ||
        rd_die "apt-get install failed for: ${missing[*]}"
}

# rd_build DIR [CMAKE_ARGS...]: configures DIR (relative to the repository root unless
# absolute) with Ninja in RelWithDebInfo and builds it with one job per core.
rd_build() {
    local dir=$1
    shift
    [[ $dir == /* ]] || dir="$RD_ROOT/$dir"
    cmake -S "$RD_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" ||
        rd_die "cmake could not configure $dir (a build directory made with another generator? remove it)"
    cmake --build "$dir" --parallel "$(rd_nproc)" || rd_die "the build failed"
}

# A scratch directory for this run, removed at exit: holds XDG_RUNTIME_DIR and the
# XDG config/data homes that keep the user's real settings and database out of reach.
rd_scratch_dir() {
    if [[ -z ${RD_SCRATCH:-} ]]; then
        RD_SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/revocation-desk-$RD_SCRIPT.XXXXXX")"
        chmod 0700 "$RD_SCRATCH"
    fi
}

# Points XDG_RUNTIME_DIR (a private 0700 directory, as Qt wants) and the XDG config, data
# and cache homes at the scratch directory, and forgets a database the user chose for
# themselves, so tests and benchmarks never see the user's settings or data.
rd_isolate_environment() {
    rd_scratch_dir
    mkdir -p "$RD_SCRATCH/runtime" "$RD_SCRATCH/config" "$RD_SCRATCH/data" "$RD_SCRATCH/cache"
    chmod 0700 "$RD_SCRATCH/runtime"
    export XDG_RUNTIME_DIR="$RD_SCRATCH/runtime"
    export XDG_CONFIG_HOME="$RD_SCRATCH/config"
    export XDG_DATA_HOME="$RD_SCRATCH/data"
    export XDG_CACHE_HOME="$RD_SCRATCH/cache"
    unset REVOCATION_DESK_DATABASE
}

# ---------------------------------------------------------------------------------------
# A throwaway PostgreSQL server on a free loopback port.
# rd_pg_start sets RD_PG_URL on success; on failure it returns 1 with the reason in
# RD_PG_ERROR. rd_pg_stop stops it and removes its directory (safe to call any time).

RD_PG_DIR=""
RD_PG_URL=""
RD_PG_ERROR=""
RD_PG_BIN=""
RD_PG_AS=()

rd_pg_bindir() {
    # Debian 12's PostgreSQL 15 first, else the newest installed.
    local dir
    for dir in /usr/lib/postgresql/15/bin $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
        if [[ -x $dir/pg_ctl && -x $dir/initdb ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# A TCP port on 127.0.0.1 that nothing listens on right now.
rd_free_port() {
    if command -v python3 >/dev/null 2>&1 &&
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null; then
        return 0
    fi
    local port
    for ((port = 20000 + RANDOM % 20000; port < 65000; port += 17)); do
        # A refused connection means the port is free.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# The lines of a server log that say why, without their time stamps, on one line.
rd_pg_log_reason() {
    { grep -E 'FATAL|ERROR|PANIC|could not|HINT' "$1" 2>/dev/null || tail -n 3 "$1" 2>/dev/null || true; } |
        tail -n 4 | sed -E 's/^[0-9-]+ [0-9:.]+ [A-Z]+ \[[0-9]+\] //' | tr '\n' ' '
}

rd_pg_start() {
    RD_PG_URL=""
    RD_PG_ERROR=""
    if ! RD_PG_BIN="$(rd_pg_bindir)"; then
        RD_PG_ERROR="no PostgreSQL server in /usr/lib/postgresql/*/bin (Debian package postgresql)"
        return 1
    fi
    # initdb refuses to run as root: as root the server runs as the postgres user, in a
    # directory under /tmp that it owns (TMPDIR may be one postgres cannot enter).
    local base="${TMPDIR:-/tmp}"
    RD_PG_AS=()
    if ((EUID == 0)); then
        base=/tmp
        if ! id -u postgres >/dev/null 2>&1; then
            RD_PG_ERROR="running as root and there is no 'postgres' user to run the server as (initdb refuses root)"
            return 1
        fi
        RD_PG_AS=(runuser -u postgres --)
    fi
    if ! RD_PG_DIR="$(mktemp -d "$base/revocation-desk-pg.XXXXXX")"; then
        RD_PG_ERROR="cannot create a directory in $base"
        RD_PG_DIR=""
        return 1
    fi
    mkdir -p "$RD_PG_DIR/sock"
    chmod 0700 "$RD_PG_DIR"
    if ((EUID == 0)); then
        chown -R postgres: "$RD_PG_DIR"
    fi

    if ! "${RD_PG_AS[@]}" "$RD_PG_BIN/initdb" -D "$RD_PG_DIR/data" -U postgres --auth=trust \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$RD_PG_DIR/initdb.log" 2>&1; then
        RD_PG_ERROR="initdb failed: $(tail -n 3 "$RD_PG_DIR/initdb.log" | tr '\n' ' ')"
        return 1
    fi
    local attempt port
    for attempt in 1 2 3; do
        if ! port="$(rd_free_port)"; then
            RD_PG_ERROR="found no free port on 127.0.0.1"
            return 1
        fi
        # fsync off: the server lives for one run and its data is thrown away.
        if "${RD_PG_AS[@]}" "$RD_PG_BIN/pg_ctl" -D "$RD_PG_DIR/data" -w -t 60 -l "$RD_PG_DIR/server.log" \
            -o "-h 127.0.0.1 -p $port -k '$RD_PG_DIR/sock' -c fsync=off" start >"$RD_PG_DIR/pg_ctl.log" 2>&1; then
            RD_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
            return 0
        fi
        rd_log "PostgreSQL did not start on port $port (attempt $attempt)"
    done
    RD_PG_ERROR="the server did not start: $(rd_pg_log_reason "$RD_PG_DIR/server.log")"
    return 1
}

rd_pg_stop() {
    [[ -n $RD_PG_DIR && -d $RD_PG_DIR ]] || return 0
    if [[ -f $RD_PG_DIR/data/postmaster.pid ]]; then
        if ! "${RD_PG_AS[@]}" "$RD_PG_BIN/pg_ctl" -D "$RD_PG_DIR/data" -m immediate -w -t 30 stop \
            >/dev/null 2>&1; then
            local pid
            pid="$(head -n 1 "$RD_PG_DIR/data/postmaster.pid" 2>/dev/null || true)"
            if [[ $pid =~ ^[0-9]+$ ]]; then
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$RD_PG_DIR"
    RD_PG_DIR=""
    RD_PG_URL=""
}

# Starts the server and exports REVOCATION_DESK_TEST_POSTGRES_URL; when it cannot start,
# says why and leaves the variable unset, so the PostgreSQL tests fail and name it.
rd_pg_start_for_tests() {
    unset REVOCATION_DESK_TEST_POSTGRES_URL
    if rd_pg_start; then
        export REVOCATION_DESK_TEST_POSTGRES_URL="$RD_PG_URL"
        rd_log "PostgreSQL ($RD_PG_BIN) is running at $RD_PG_URL"
    else
        rd_log "warning: PostgreSQL could not start: $RD_PG_ERROR"
        rd_log "warning: REVOCATION_DESK_TEST_POSTGRES_URL is not set; the PostgreSQL tests will fail"
    fi
}

# ---------------------------------------------------------------------------------------
# The long-running child (ctest, the benchmark) and the cleanup at exit.

RD_CHILD=""

# rd_run COMMAND...: runs COMMAND in a process group of its own and waits for it, so that a
# signal to this script (Ctrl-C, a time-out in CI) can end it with all its children before
# the cleanup. Returns the command's exit status.
rd_run() {
    setsid "$@" &
    RD_CHILD=$!
    local status=0
    wait "$RD_CHILD" || status=$?
    RD_CHILD=""
    return "$status"
}

# Ends the child's process group: TERM, then KILL after 10 s.
rd_stop_child() {
    [[ -n $RD_CHILD ]] || return 0
    local child=$RD_CHILD watchdog
    RD_CHILD=""
    kill -TERM -- "-$child" 2>/dev/null || true
    (
        sleep 10
        kill -KILL -- "-$child" 2>/dev/null
    ) &
    watchdog=$!
    wait "$child" 2>/dev/null || true
    kill "$watchdog" 2>/dev/null || true
    wait "$watchdog" 2>/dev/null || true
}

# Whatever the exit: ends the child, stops the server and removes the scratch directory.
rd_cleanup() {
    rd_stop_child
    rd_pg_stop
    if [[ -n ${RD_SCRATCH:-} && -d $RD_SCRATCH ]]; then
        rm -rf "$RD_SCRATCH"
    fi
    RD_SCRATCH=""
}

rd_on_exit() {
    local status=$?
    rd_cleanup
    exit "$status"
}

rd_install_cleanup_traps() {
    trap rd_on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
}
