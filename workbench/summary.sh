#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Print the summary of the last 'make' run as two short tables.
. "$(dirname "$0")/lib.sh"

val() { [ -r "$1" ] && cat "$1" || echo "?"; }
status_of() { awk -F'\t' -v s="$1" '$1 == s { r = ($3 == 0) ? "pass" : "FAIL" } END { print r ? r : "not run" }' "$BUILD/timings.tsv" 2>/dev/null; }
envv() { sed -n "s/^$1=//p" "$BUILD/boot-qemu.env" 2>/dev/null | head -n 1; }

tree=$(val "$BUILD/base-tree")
want=$(recorded tree)
if [ -z "$want" ]; then match="no recorded base"
elif [ "$want" = "$tree" ]; then match="= recorded"
else match="DIFFERS from recorded $want"; fi
npatch=$(series_patches | wc -l)
head=$(kgit rev-parse --short "refs/heads/$SERIES_BRANCH" 2>/dev/null || echo "?")
vm=$BUILD/out/qemu/vmlinux

printf '\n%-18s %s\n' "item" "value"
printf '%-18s %s\n' "------------------" "----------------------------------------------"
printf '%-18s %s\n' "base" "$(val "$BUILD/base-package") (Linux $(val "$BUILD/base-kernelversion"))"
printf '%-18s %s\n' "base tree" "$tree ($match)"
printf '%-18s %s\n' "patches applied" "$npatch ($SERIES_BRANCH at $head): $(status_of apply)"
printf '%-18s %s\n' "build" "$(status_of build)$( [ -f "$vm" ] && echo " (vmlinux $(stat -c %s "$vm") bytes)")"
if [ -r "$BUILD/boot-qemu.env" ]; then
	printf '%-18s %s\n' "boot + smoke" "$(status_of boot) ($(envv pass) passed, $(envv fail) failed, $(envv cpus) CPUs)"
	printf '%-18s %s\n' "guest PageTables" "$(envv before_PageTables) kB before, $(envv after_PageTables) kB after the workload"
	printf '%-18s %s\n' "guest MemFree" "$(envv before_MemFree) kB before, $(envv after_MemFree) kB after"
else
	printf '%-18s %s\n' "boot + smoke" "$(status_of boot)"
fi
printf '\n%-18s %8s  %s\n' "step" "seconds" "result"
printf '%-18s %8s  %s\n' "------------------" "--------" "------"
awk -F'\t' '{ printf "%-18s %8s  %s\n", $1, $2, ($3 == 0) ? "ok" : "FAILED" }' "$BUILD/timings.tsv"
