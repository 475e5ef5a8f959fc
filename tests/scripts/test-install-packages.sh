#!/usr/bin/env bash
# Tests scripts/lib/common.sh's rd_install_packages as a fresh Debian 12 would meet it: dpkg-query,
# apt-get and sudo are replaced on PATH by stand-ins that record their calls, so the test runs
# anywhere, installs nothing, and checks what a new user would read.
#   1. a package is missing: the script names it, calls apt-get update and apt-get install for
#      exactly the missing package, and returns 0;
#   2. apt-get install fails: the script exits non-zero with one line that says so and names
#      the package;
#   3. everything is installed: apt-get is never called;
#   4. a command failing under `set -e` is named on the way out (no silent exit).
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd -P)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rd-scripts-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    printf 'FAIL: %s\n' "$*"
    failures=$((failures + 1))
}
pass() { printf 'PASS: %s\n' "$*"; }

# stand-ins NAME_OF_MISSING APT_INSTALL_STATUS: writes dpkg-query, apt-get and sudo into
# $work/bin. dpkg-query reports every package asked about as installed except the missing
# one, which it does not know (exit 1, as the real one does); apt-get logs its arguments.
stand_ins() {
    local missing=$1 install_status=$2
    rm -rf "$work/bin" "$work/calls"
    mkdir -p "$work/bin"
    : >"$work/calls"
    cat >"$work/bin/dpkg-query" <<STAND_IN
#!/usr/bin/env bash
status=0
for argument in "\$@"; do
    case \$argument in -*) continue ;; esac
    if [[ \$argument == "$missing" ]]; then
        echo "dpkg-query: no packages found matching \$argument" >&2
        status=1
    else
        printf '%s=install ok installed\n' "\$argument"
    fi
done
exit \$status
STAND_IN
    cat >"$work/bin/apt-get" <<STAND_IN
#!/usr/bin/env bash
printf 'apt-get %s\n' "\$*" >>"$work/calls"
if [[ \$1 == install || \$* == *" install "* ]]; then
    exit $install_status
fi
exit 0
STAND_IN
    # Not root in the test: the script must go through sudo, which here just runs the command.
    cat >"$work/bin/sudo" <<'STAND_IN'
#!/usr/bin/env bash
exec "$@"
STAND_IN
    chmod +x "$work/bin/"*
}

# run_install: runs rd_install_packages as scripts/test does (set -euo pipefail), with the
# stand-ins first on PATH; prints its stderr into $work/stderr, returns its status.
run_install() {
    PATH="$work/bin:$PATH" bash -c '
        set -euo pipefail
        source "$1/scripts/lib/common.sh"
        rd_install_packages
        echo "returned" >&2
    ' test-install "$root" 2>"$work/stderr"
}

# 1. One package missing.
stand_ins libqrencode-dev 0
if run_install; then
    pass "a missing package: rd_install_packages returns 0"
else
    fail "a missing package: rd_install_packages failed: $(cat "$work/stderr")"
fi
grep -q 'installing missing Debian packages: libqrencode-dev$' "$work/stderr" &&
    pass "the missing package is named" ||
    fail "the missing package is not named; stderr: $(cat "$work/stderr")"
grep -q '^apt-get update' "$work/calls" && pass "apt-get update is called" ||
    fail "apt-get update was not called; calls: $(cat "$work/calls")"
grep -qE '^apt-get install -y --no-install-recommends libqrencode-dev$' "$work/calls" &&
    pass "apt-get install is called for exactly the missing package" ||
    fail "apt-get install was not called as expected; calls: $(cat "$work/calls")"

# 2. apt-get install fails.
stand_ins qt6-base-dev 100
if run_install; then
    fail "a failing apt-get: rd_install_packages returned 0"
else
    pass "a failing apt-get: rd_install_packages exits non-zero"
fi
error_lines="$(grep -c 'error' "$work/stderr" || true)"
if grep -q '^test-install: error: apt-get install failed for: qt6-base-dev$' "$work/stderr" &&
    ((error_lines == 1)); then
    pass "a failing apt-get is reported in one line naming the package"
else
    fail "expected one error line naming qt6-base-dev; stderr: $(cat "$work/stderr")"
fi

# 3. Nothing missing: no apt-get at all.
stand_ins no-such-package-asked 0
if run_install && [[ ! -s $work/calls ]]; then
    pass "nothing missing: apt-get is not called"
else
    fail "nothing missing, yet: status or calls: $(cat "$work/calls") $(cat "$work/stderr")"
fi

# 4. A failing command under set -e says which it was.
if bash -c 'set -euo pipefail; source "$1/scripts/lib/common.sh"; false; echo unreachable' \
    test-errexit "$root" 2>"$work/stderr"; then
    fail "a failing command did not stop the script"
elif grep -q "error: 'false' exited with status 1" "$work/stderr"; then
    pass "a failing command under set -e is named"
else
    fail "a failing command stopped the script without a word; stderr: $(cat "$work/stderr")"
fi

if ((failures)); then
    printf '%d check(s) failed\n' "$failures"
    exit 1
fi
echo "all checks passed"
