#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The remaining legacy page-size uses, at the base and at the series head,
# plus those in files compiled into the QEMU kernel, and why each one in
# the goal's scope is left alone (build/pagesize-remaining.txt).
. "$(dirname "$0")/lib.sh"

args=()
[ -f "$BUILD/out/qemu/.config" ] && args=(--build "$BUILD/out/qemu")
python3 "$WB_TOP/workbench/pagesize-report.py" "$KTREE" --rev "$BASE_REF" \
	--rev "refs/heads/$SERIES_BRANCH" "${args[@]}" \
	--list "$BUILD/pagesize-remaining.txt" \
	--ceiling "$(cat "$WB_TOP/workbench/pagesize-unclassified.ceiling")"
