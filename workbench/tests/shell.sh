#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# 'make shell' gives a working interactive shell: a command typed on the
# console runs in the guest, and 'poweroff' ends QEMU.
. "$(dirname "$0")/../lib.sh"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
(sleep 10; printf 'echo guest-says-$((6*7))\n'; sleep 3; printf 'poweroff\n'; sleep 30) |
	timeout 90 bash "$WB_TOP/workbench/boot.sh" qemu shell 2>&1 | tr -d '\r' >"$out"
rc=${PIPESTATUS[1]}
set -e
grep -E 'WB-SHELL|guest-says|reboot:' "$out" | sed 's/^/    > /'
grep -q '^guest-says-42$' "$out" || { echo "FAILED: the command did not run in the guest"; exit 1; }
[ "$rc" -eq 0 ] || { echo "FAILED: QEMU did not exit after poweroff (status $rc)"; exit 1; }
echo "ok: shell ran a command and poweroff ended QEMU"
