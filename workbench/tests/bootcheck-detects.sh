#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The console judge (workbench/bootcheck.py) fails on the accounting bugs
# it exists for, on kernel reports, and on reports inside the
# fault-injection window that are not the by-design ones.
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

good() {
	cat <<LOG
WB-BEGIN faultinject
WB-INFO cpus=2 la57=1 pti=1
WB-MEMINFO before MemFree:2000000 PageTables:96
WB-MEMCG before=0
WB-MEMCG-HOLD tables=512 during=${1:-2138112} rc=0
WB-FI-BEGIN
FAULT_INJECTION: forcing a failure.
name fail_page_alloc, interval 3, probability 100, space 0, times 99999
${2:-}
WB-FI phase=fail_page_alloc:__pte_alloc interval=3 injected=${3:-771} rc=0 WB-PTLOAD rounds=3 enomem_fork=3 enomem_mremap=0 enomem_populate=3 enomem_mmap=0 oom_killed=0 bad=0
WB-FI phase=fail_page_alloc:__pmd_alloc interval=2 injected=18 rc=0 WB-PTLOAD bad=0
WB-FI phase=fail_page_alloc:__pud_alloc interval=2 injected=12 rc=0 WB-PTLOAD bad=0
WB-FI phase=fail_page_alloc:__p4d_alloc interval=1 injected=3 rc=0 WB-PTLOAD bad=0
WB-FI phase=fail_page_alloc:pgd_alloc interval=1 injected=3 rc=0 WB-PTLOAD bad=0
WB-FI phase=fail_page_alloc:copy_page_range interval=5 injected=3 rc=0 WB-PTLOAD bad=0
WB-FI phase=fail_page_alloc:move_page_tables interval=1 injected=3 rc=0 WB-PTLOAD bad=0
WB-FI phase=failslab:vm_area_dup interval=3 injected=6 rc=0 WB-PTLOAD bad=0
WB-FI-END
WB-KMEMLEAK new=${4:-0}
WB-SETTLE seconds=0
WB-MEMINFO after MemFree:1990000 PageTables:${5:-60}
WB-MEMCG after=${6:-0}
WB-END rc=0
LOG
}
judge() { python3 "$WB_TOP/workbench/bootcheck.py" "$1" faultinject 2 "$tmp/env" "$tmp/tap"; }
good >"$tmp/ok.log"
judge "$tmp/ok.log" || die "a clean fault-injection log does not pass"
expect_fail() { # WHAT LOG-FILE
	if judge "$2" 2>"$tmp/err"; then die "not caught: $1"; fi
	echo "caught: $1: $(head -n 1 "$tmp/err")"
}
# A kernel message that lands between the guest's number and its newline
# (seen: "WB-MEMCG before=0tsc: Refined TSC clocksource calibration") is
# not a failure; the number is read.
good | sed 's/^WB-MEMCG before=0$/WB-MEMCG before=0tsc: Refined TSC clocksource calibration: 2596.125 MHz/' >"$tmp/ok2.log"
grep -q 'before=0tsc' "$tmp/ok2.log" && judge "$tmp/ok2.log" ||
	die "a kernel message inside the guest's WB-MEMCG line fails the boot"
echo "ok: a kernel message inside a guest line is read past"
good 0 >"$tmp/a.log"; expect_fail "memcg pagetables stat reads 0 while tables are held" "$tmp/a.log"
good 2060288 >"$tmp/a2.log"; expect_fail "memcg pagetables stat short of the held tables" "$tmp/a2.log"
good 2138112 "" 771 0 400 >"$tmp/b.log"; expect_fail "PageTables not back at baseline" "$tmp/b.log"
good 2138112 "" 771 0 60 900000 >"$tmp/c.log"; expect_fail "memcg stat not back at baseline" "$tmp/c.log"
good 2138112 "" 0 >"$tmp/d.log"; expect_fail "a phase that injected nothing" "$tmp/d.log"
good 2138112 "" 771 2 >"$tmp/e.log"; expect_fail "kmemleak reports" "$tmp/e.log"
good 2138112 "WARNING: CPU: 1 PID: 77 at mm/memory.c:123 __pte_alloc+0x1/0x2" >"$tmp/f.log"
expect_fail "a WARNING inside the fault-injection window" "$tmp/f.log"
good | sed 's/^WB-END rc=0$//' >"$tmp/g.log"; expect_fail "a guest that never finished" "$tmp/g.log"
good | grep -v 'phase=fail_page_alloc:pgd_alloc' >"$tmp/h.log"; expect_fail "a phase that must hit did not run" "$tmp/h.log"
# Memory hot-remove (BOOT_DIMM): a clean removal passes, a failed or
# missing one does not.
hp() { good | sed "s/^WB-END rc=0\$/WB-HOTPLUG device=PNP0C80:00 $1\\nWB-END rc=0/"; }
hp "blocks=2 online=2 left=0 memtotal_before=1186388 memtotal_after=924244 rc=0" >"$tmp/i.log"
BOOT_DIMM=256M judge "$tmp/i.log" || die "a clean memory hot-remove does not pass"
hp "blocks=2 online=2 left=2 memtotal_before=1186388 memtotal_after=1186388 rc=1" >"$tmp/j.log"
BOOT_DIMM=256M expect_fail "memory hot-remove that failed" "$tmp/j.log"
hp "blocks=0 online=0 left=0 memtotal_before=924244 memtotal_after=924244 rc=1" >"$tmp/k.log"
BOOT_DIMM=256M expect_fail "a DIMM the kernel never added" "$tmp/k.log"
BOOT_DIMM=256M expect_fail "no hot-remove line at all" "$tmp/ok.log"
