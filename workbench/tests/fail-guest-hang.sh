#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A guest that hangs is killed at its timeout and reported.
. "$(dirname "$0")/../lib.sh"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
t0=$(now)
set +e
BOOT_TIMEOUT=15 BOOT_TAG=hang bash "$WB_TOP/workbench/boot.sh" qemu hang >"$out" 2>&1
rc=$?
set -e
dt=$(elapsed "$t0")
sed 's/^/    > /' "$out"
fail() { echo "FAILED: $*"; exit 1; }
[ "$rc" -ne 0 ] || fail "boot.sh returned 0 for a hung guest"
grep -q "did not finish within 15s and was killed" "$out" || fail "no timeout message"
grep -q "WB-HANG" "$out" || fail "the last console lines are not shown"
awk -v d="$dt" 'BEGIN { exit !(d >= 15 && d < 30) }' || fail "took ${dt}s, want 15 to 30"
! pgrep -f 'wb.mode=hang' >/dev/null || fail "a qemu process is left running"
echo "ok: hung guest killed after ${dt}s and reported"
