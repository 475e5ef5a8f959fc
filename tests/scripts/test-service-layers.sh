#!/usr/bin/env bash
# test-service-layers.sh SERVICES_DIR ROOM...: keeps the house of services/ as
# docs/architecture.md draws it. ROOM... is the order of services/CMakeLists.txt's
# RD_SERVICE_ROOMS; a room may include only itself and the rooms before it. Also: every source
# file lives in a listed room, includes of our headers name their room, and nothing in services/
# reaches for widgets, the command line or the windows.
set -uo pipefail

services=$1
shift
rooms=("$@")
failures=0
fail() {
    printf 'FAIL: %s\n' "$*"
    failures=$((failures + 1))
}

declare -A rank
for i in "${!rooms[@]}"; do
    rank[${rooms[$i]}]=$i
done

# Every source file is in a room.
while IFS= read -r file; do
    relative=${file#"$services"/}
    room=${relative%%/*}
    if [[ $relative != */* || -z ${rank[$room]+set} ]]; then
        fail "$relative is not in one of the rooms (${rooms[*]})"
    fi
done < <(find "$services" -name '*.cpp' -o -name '*.h')

for room in "${rooms[@]}"; do
    [[ -d $services/$room ]] || {
        fail "room $room has no folder"
        continue
    }
    while IFS=: read -r file line include; do
        relative=${file#"$services"/}
        target=$(sed -E 's/^#include "([^"]+)".*/\1/' <<<"$include")
        if [[ $target != */* ]]; then
            fail "$relative:$line: #include \"$target\" does not name its room"
            continue
        fi
        target_room=${target%%/*}
        if [[ -z ${rank[$target_room]+set} ]]; then
            fail "$relative:$line: #include \"$target\" is outside services/ (${target_room}/)"
        elif ((rank[$target_room] > rank[$room])); then
            fail "$relative:$line: $room/ may not include $target ($target_room/ comes after $room/)"
        fi
    done < <(grep -Hn '^#include "' "$services/$room"/*.cpp "$services/$room"/*.h 2>/dev/null)
    # Widgets and windows are for ui/; terminals and exit codes for app/cli.
    while IFS= read -r hit; do
        fail "${hit#"$services"/}: services/ never includes widgets"
    done < <(grep -HnE '^#include <(QtWidgets|QApplication|QWidget|QDialog|QMessageBox|QMainWindow)' \
        "$services/$room"/*.cpp "$services/$room"/*.h 2>/dev/null)
done

if ((failures)); then
    printf '%d problem(s) in the house of services/\n' "$failures"
    exit 1
fi
echo "services/: ${#rooms[@]} rooms, every include goes to the same room or one before it"
