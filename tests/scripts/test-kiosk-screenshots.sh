#!/usr/bin/env bash
# tests/scripts/test-kiosk-screenshots.sh GUI CLI
# `revocation-desk --kiosk --screenshot DIR` as docs/kiosk.md uses it, on a demo database of its
# own: every page in both languages lands in DIR as a PNG (15 a language, the real pages walked
# to the receipt), and the database it was given is left as it was (it files in a copy).
set -uo pipefail

gui="${1:?usage: $0 GUI CLI}"
cli="${2:?usage: $0 GUI CLI}"
work="$(mktemp -d "${TMPDIR:-/tmp}/rd-kiosk-shots.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    printf 'FAIL: %s\n' "$*"
    failures=$((failures + 1))
}

export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
database="sqlite:$work/demo.sqlite"
"$cli" --database "$database" db migrate >"$work/setup.log" 2>&1 &&
    "$cli" --database "$database" demo seed >>"$work/setup.log" 2>&1 ||
    { cat "$work/setup.log"; echo "FAIL: the demo database could not be made"; exit 1; }
count() { "$cli" --database "$database" --json requests list --limit 10000 | grep -o '"agenda_number"' | wc -l; }
before="$(count)"
((before > 0)) || fail "the demo database lists no requests, so a change could not be seen"

"$gui" --kiosk --database "$database" --screenshot "$work/shots" >"$work/shots.log" 2>&1
status=$?
((status == 0)) || fail "--screenshot exited with $status: $(tail -n 20 "$work/shots.log")"
for language in id en; do
    n="$(find "$work/shots" -name "kiosk-$language-*.png" -size +10k 2>/dev/null | wc -l)"
    ((n == 15)) || fail "$n pages in $language instead of 15"
    for page in welcome identity review receipt resume; do
        [[ -n "$(find "$work/shots" -name "kiosk-$language-*-$page.png" -size +10k)" ]] ||
            fail "no $page page in $language"
    done
done
# Each PNG really is one, and as large as the window.
while IFS= read -r png; do
    head -c 24 "$png" | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a0000000d49484452000005000000' ||
        fail "$(basename "$png") is not a 1280-pixel-wide PNG"
done < <(find "$work/shots" -name '*.png')
after="$(count)"
[[ $before == "$after" ]] || fail "the database given changed: $before requests before, $after after"

# Refused without a kiosk, and on a database that is not SQLite.
"$gui" --screenshot "$work/x" >/dev/null 2>&1 && fail "--screenshot without --kiosk was taken"

((failures == 0)) || exit 1
echo "all checks passed"
