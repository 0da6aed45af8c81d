#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The main job ('make'): deps, base, series, build, boot, summary.
. "$(dirname "$0")/lib.sh"

: >"$BUILD/timings.tsv"
rm -f "$BUILD/boot-qemu.env"
t0=$(now)
rc=0
W=$WB_TOP/workbench
step deps bash "$W/deps.sh" &&
step prepare bash "$W/prepare-base.sh" &&
step apply bash "$W/apply.sh" &&
step build bash "$W/build.sh" qemu &&
step initramfs bash "$W/initramfs.sh" &&
step boot bash "$W/boot.sh" qemu || rc=$?
printf 'total\t%s\t%s\n' "$(elapsed "$t0")" "$rc" >>"$BUILD/timings.tsv"
bash "$W/summary.sh"
exit "$rc"
