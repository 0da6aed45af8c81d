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
# Packed page tables (BOOT_PT_PACK=1): the held tables show as pgtable-4k
# objects and go back; a missing line, a count that did not grow by the
# held tables, or objects left behind fail.
# In fault injection, the table paths fail in slab, then the slabs' pages
# and the page-table cache alone.
packed() {
	good | sed -e 's/phase=fail_page_alloc:/phase=failslab:/' \
		-e 's/^WB-FI-END$/WB-FI phase=fail_page_alloc:__pte_alloc interval=3 injected=177 rc=0 WB-PTLOAD bad=0\nWB-FI phase=failslab-pgtable-4k:handle_mm_fault interval=2 injected=1575 rc=0 WB-PTLOAD bad=0\nWB-FI-END/'
}
ps() { packed | sed "s/^WB-END rc=0\$/WB-PTSLAB $1\nWB-END rc=0/"; }
ps "before=700 during=1230 after=700" >"$tmp/p0.log"
BOOT_PT_PACK=1 judge "$tmp/p0.log" || die "a clean packed-table log does not pass"
echo "ok: a packed-table log whose pgtable-4k objects go back passes"
BOOT_PT_PACK=1 expect_fail "packed tables without a pgtable-4k line" "$tmp/ok.log"
ps "before=700 during=1100 after=700" >"$tmp/p1.log"
BOOT_PT_PACK=1 expect_fail "fewer pgtable-4k objects went back than tables were held" "$tmp/p1.log"
ps "before=700 during=1330 after=800" >"$tmp/p2.log"
BOOT_PT_PACK=1 expect_fail "pgtable-4k objects not back at baseline after the hold" "$tmp/p2.log"
ps "before=700 during=1230 after=700" | grep -v 'phase=failslab-pgtable-4k' >"$tmp/p3.log"
BOOT_PT_PACK=1 expect_fail "packed tables without the page-table cache's failslab phase" "$tmp/p3.log"
ps "before=700 during=1230 after=700" | sed 's/phase=failslab:__pud_alloc interval=2 injected=12/phase=failslab:__pud_alloc interval=2 injected=0/' >"$tmp/p4.log"
BOOT_PT_PACK=1 expect_fail "a packed-table path that failslab never hit" "$tmp/p4.log"
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

# The KUnit suites (wb.mode=kunit): two runs of the slab suite and one of
# the packed page-table suite, the by-design stack dump of a rejected cache
# and test_leak_destroy's leak pass; a failed, missing or skipped
# per-object metadata or page-table case, a run that did not charge as it
# says, another leak or another stack dump do not.
ktap() { # RUN CHARGE-LINE
	printf '%s\n' 'KTAP version 1' '1..1' '    KTAP version 1' '    # Subtest: slub_test' '    1..4' \
		'    ok 1 test_leak_destroy' '    ok 2 test_kfree_rcu # SKIP built-in' \
		'    ok 3 test_meta_distinct_zeroed' "    # test_meta_memcg: $2" '    ok 4 test_meta_memcg' \
		'# slub_test: pass:3 fail:0 skip:1 total:4' 'ok 1 slub_test' | sed "s/^/WB-KTAP $1 /"
}
ptktap() {
	printf '%s\n' 'KTAP version 1' '1..1' '    KTAP version 1' '    # Subtest: pt_pack' '    1..2' \
		'    ok 1 pt_pack_test_sixteen' '    ok 2 pt_pack_test_pgd_pair' \
		'# pt_pack: pass:2 fail:0 skip:0 total:2' 'ok 1 pt_pack' | sed "s/^/WB-KTAP pt_pack /"
}
kgood() {
	printf '%s\n' 'KTAP version 1' '    ok 1 test_leak_destroy' \
		'__kmem_cache_create_args(TestSlub_meta_rcu_bad) failed with error -22' \
		'CPU: 1 UID: 0 PID: 73 Comm: kunit_try_catch Tainted: G N 6.12.117+ #1' \
		'Call Trace:' ' <TASK>' ' dump_stack_lvl+0x5d/0x80' ' </TASK>' "${1:-}" 'ok 1 slub_test' \
		'kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)' \
		'WB-BEGIN kunit' 'WB-INFO cpus=2 la57=1 pti=1' 'WB-MEMINFO before MemFree:2000000 PageTables:96' \
		'WB-MEMCG before=0' 'WB-MEMCG-HOLD tables=512 during=2138112 rc=0'
	ptktap
	ktap boot 'no cgroup /slub_kunit: objects not charged'
	ktap memcg 'objects charged to memory cgroup /slub_kunit'
	printf '%s\n' "WB-KMEMLEAK new=${2:-0} bydesign=2" 'WB-SETTLE seconds=0' \
		'WB-MEMINFO after MemFree:1990000 PageTables:96' 'WB-MEMCG after=0' 'WB-END rc=0'
}
kjudge() { python3 "$WB_TOP/workbench/bootcheck.py" "$1" kunit 2 "$tmp/env" "$tmp/tap"; }
kgood >"$tmp/k0.log"
kjudge "$tmp/k0.log" || die "a clean KUnit log does not pass"
[ "$(grep -c '^ok ' "$tmp/tap")" -eq 8 ] || die "a clean KUnit log does not give 2 + 2 x 3 passed cases"
echo "ok: a clean KUnit log passes with 8 results"
expect_kfail() { # WHAT LOG-FILE
	if kjudge "$2" 2>"$tmp/err"; then die "not caught: $1"; fi
	echo "caught: $1: $(head -n 1 "$tmp/err")"
}
kgood | sed '/WB-KTAP memcg/s/    ok 3 test_meta/    not ok 3 test_meta/' >"$tmp/k1.log"
expect_kfail "a failed KUnit case" "$tmp/k1.log"
kgood | sed '/WB-KTAP boot/s/ok 3 test_meta_distinct_zeroed/& # SKIP no 64K slab available/' >"$tmp/k2.log"
expect_kfail "a skipped per-object metadata case" "$tmp/k2.log"
kgood | grep -v '^WB-KTAP memcg' >"$tmp/k3.log"; expect_kfail "a missing second run" "$tmp/k3.log"
kgood | grep -v '^WB-KTAP pt_pack' >"$tmp/k9.log"; expect_kfail "a missing page-table suite" "$tmp/k9.log"
kgood | sed 's/ok 2 pt_pack_test_pgd_pair/not ok 2 pt_pack_test_pgd_pair/' >"$tmp/k10.log"
expect_kfail "a failed page-table case" "$tmp/k10.log"
kgood | sed 's/ok 1 pt_pack_test_sixteen/& # SKIP no table/' >"$tmp/k11.log"
expect_kfail "a skipped page-table case" "$tmp/k11.log"
kgood | sed '/WB-KTAP memcg/s/objects charged to memory cgroup/objects not charged/' >"$tmp/k4.log"
expect_kfail "a memcg run that charged nothing" "$tmp/k4.log"
kgood | grep -v 'WB-KTAP boot     ok 4' >"$tmp/k5.log"; expect_kfail "a case missing from the plan" "$tmp/k5.log"
kgood "" 1 >"$tmp/k6.log"; expect_kfail "a leak besides test_leak_destroy's" "$tmp/k6.log"
kgood "WARNING: CPU: 1 PID: 73 at mm/slub.c:2690 kmem_cache_obj_meta+0x1/0x2" >"$tmp/k7.log"
expect_kfail "a WARNING after the by-design stack dump" "$tmp/k7.log"
kgood | sed 's/(TestSlub_meta_rcu_bad)/(pgtable-4k)/' >"$tmp/k8.log"
expect_kfail "a stack dump of a cache that is not a test cache" "$tmp/k8.log"
