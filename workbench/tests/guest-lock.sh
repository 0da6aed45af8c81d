#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# One guest at a time: boot.sh waits while another holds GUEST_LOCK, and
# its timeout counts from when it holds the lock; a wait longer than
# GUEST_LOCK_WAIT fails with a message and boots nothing. A private lock
# file, so that guests of other checkouts are not held up.
. "$(dirname "$0")/../lib.sh"

lock=$(mktemp) out=$(mktemp)
holder=
trap 'rm -f "$lock" "$lock.owner" "$out"; [ -z "$holder" ] || kill "$holder" 2>/dev/null || true' EXIT
fail() { echo "FAILED: $*"; exit 1; }
# hold_lock SECONDS: another "guest" holds the lock for SECONDS.
hold_lock() {
	flock "$lock" sleep "$1" &
	holder=$!
	echo "the test's lock holder" >"$lock.owner"
	sleep 1
}
# boot_hang WAIT: boot a hanging guest (10 s timeout) under the test's
# lock, waiting at most WAIT seconds for it; sets rc and dt (seconds).
boot_hang() {
	local t0
	t0=$(now)
	set +e
	GUEST_LOCK=$lock GUEST_LOCK_WAIT=$1 BOOT_TIMEOUT=10 BOOT_TAG=lock \
		bash "$WB_TOP/workbench/boot.sh" qemu hang >"$out" 2>&1
	rc=$?
	set -e
	dt=$(elapsed "$t0")
	sed 's/^/    > /' "$out"
}

# 1. Held for 8 s: boot.sh waits, then boots a hanging guest that its
# 10 s timeout kills, 10 s after the wait, not 10 s after the start.
hold_lock 8
boot_hang 60
[ "$rc" -ne 0 ] || fail "boot.sh returned 0 for a hung guest"
grep -q "waiting for another guest to end before booting qemu: the test's lock holder" "$out" ||
	fail "no message naming the guest it waits for"
grep -q "did not finish within 10s" "$out" || fail "the guest did not run to its timeout after the wait"
awk -v d="$dt" 'BEGIN { exit !(d >= 16 && d < 40) }' || fail "took ${dt}s, want 7 s of waiting plus the 10 s timeout"
grep -q "^guest qemu (hang)" "$lock.owner" || fail "the lock's owner file does not name the guest"
wait "$holder" || true
holder=

# 2. Held for 30 s with GUEST_LOCK_WAIT=3: fails after about 3 s, no QEMU.
hold_lock 30
boot_hang 3
[ "$rc" -ne 0 ] || fail "boot.sh returned 0 although it could not get the lock"
grep -q "held $lock for 3s; qemu was not booted" "$out" || fail "no message for a wait that ran out"
! grep -q "booting qemu (mode" "$out" || fail "a guest was booted without the lock"
awk -v d="$dt" 'BEGIN { exit !(d >= 3 && d < 10) }' || fail "took ${dt}s, want about 3"
! pgrep -f 'wb.mode=hang' >/dev/null || fail "a qemu process is left running"
echo "ok: a guest waited for the lock's holder and timed out 10 s after it got the lock; a wait past GUEST_LOCK_WAIT failed in ${dt}s without booting"
