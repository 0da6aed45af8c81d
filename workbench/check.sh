#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check.sh [--all]: the test suite. Every test prints its wall time; the
# output ends with "N passed, N failed". --all adds the heavy runs.
. "$(dirname "$0")/lib.sh"

ALL=0
[ "${1:-}" = --all ] && ALL=1
# CHECK_ONLY=NAME,...: run only these tests (for example
# all/every-commit-builds,all/kasan) and the steps they need (deps,
# prepare, apply, build, boot, selftests-build). check-all takes hours
# on 2 cores; this runs a part of it. It is never set by make check.
ONLY=${CHECK_ONLY:-}
PREREQ=deps,prepare,apply,build,boot,selftests-build
W=$WB_TOP/workbench
T=$W/tests
RES=$BUILD/check-results.tsv
: >"$RES"
: >"$BUILD/timings.tsv"
t_all=$(now)

# run_test NAME CMD...: run CMD with its output in a log; record the result.
run_test() {
	local name=$1 t0 rc log=$LOGS/check-${1//\//_}.log
	shift
	if [ -n "$ONLY" ] && [[ ",$ONLY,$PREREQ," != *",$name,"* ]]; then
		return 0
	fi
	t0=$(now)
	printf -- '--- %s ...\n' "$name"
	set +e
	( set -e; "$@" ) >"$log" 2>&1
	rc=$?
	set -e
	local dt
	dt=$(elapsed "$t0")
	if [ "$rc" -eq 0 ]; then
		printf -- '--- %s: PASS (%ss)\n' "$name" "$dt"
		printf '%s\tpass\t%s\n' "$name" "$dt" >>"$RES"
	else
		printf -- '--- %s: FAIL (%ss; log: %s)\n' "$name" "$dt" "$log"
		tail -n 25 "$log" | sed 's/^/    | /'
		printf '%s\tFAIL\t%s\n' "$name" "$dt" >>"$RES"
	fi
	return 0
}
passed() { awk -F'\t' -v n="$1" '$1 == n && $2 == "pass" { f = 1 } END { exit !f }' "$RES"; }
need() {
	local t
	for t in "$@"; do
		passed "$t" || { echo "not run: needs '$t', which did not pass"; return 1; }
	done
}

t_deps() { bash "$W/deps.sh"; }
t_prepare() {
	bash "$W/prepare-base.sh"
	local want
	want=$(recorded tree)
	echo "base tree $(cat "$BUILD/base-tree"), recorded ${want:-none}"
}
t_apply() { need prepare && bash "$W/apply.sh"; }

# Regenerate every mechanical commit from its semantic patch on a fresh
# worktree of the base (this applies the whole series with git am there).
t_regen() {
	need apply
	bash "$W/regen.sh"
	git -C "$WB_TOP" status --short -- patches/
	git -C "$WB_TOP" diff --stat --exit-code -- patches/ ||
		{ echo "regen changed patches/ (see diff above)"; return 1; }
	[ -z "$(git -C "$WB_TOP" status --porcelain -- patches/)" ] ||
		{ echo "regen left untracked or deleted files in patches/"; return 1; }
}
# The series branch in the work tree is exactly base + git am patches/.
t_am_fresh() {
	need regen
	local a b
	a=$(git -C "$BUILD/regen" rev-parse HEAD^{tree})
	b=$(kgit rev-parse "refs/heads/$SERIES_BRANCH^{tree}")
	echo "fresh git am: $a; work tree branch: $b"
	[ "$a" = "$b" ]
}
t_checkpatch() { need apply && bash "$T/checkpatch.sh"; }
t_kpath_files() { need apply && bash "$T/kpath-files.sh"; }
t_export_stable() {
	need apply
	local tmp
	tmp=$(mktemp -d)
	bash "$W/export.sh" "$tmp"
	diff -r -u "$PATCHES" "$tmp" && echo "export reproduces patches/ byte for byte"
	local rc=$?
	rm -rf "$tmp"
	return $rc
}
t_build() { need apply && bash "$W/build.sh" qemu; }
t_repro() {
	need build
	# A second build of the same tree, without ccache, in another folder.
	WB_NO_CCACHE=1 bash "$W/build.sh" qemu-repro
	cmp "$BUILD/out/qemu/vmlinux" "$BUILD/out/qemu-repro/vmlinux"
	echo "vmlinux identical: $(sha256sum <"$BUILD/out/qemu/vmlinux" | cut -c1-16)"
}
# The mechanical commits (and the definitions before them) change no code.
t_noop() { need apply && bash "$W/noop.sh"; }
t_noop_defconfig() { need apply && NOOP_BASECONFIG=defconfig NOOP_CONFIG=$WB_TOP/configs/werror.config bash "$W/noop.sh"; }
t_noop_xen() {
	need apply
	NOOP_TAG=xen-pv NOOP_CONFIG="$WB_TOP/configs/xen-pv.config $WB_TOP/configs/xen-pv-noop.config" \
		bash "$W/noop.sh"
}
t_boot() {
	need build
	bash "$W/initramfs.sh"
	bash "$W/boot.sh" qemu
}
# The guest suite (README "Guest test suite"): mm selftests on the debug
# kernel, compared with the base's expected results; lockdep at -smp 4,
# whose smoke boot also hot-adds and hot-removes a 256M DIMM;
# fault injection on page-table allocations.
# mm selftest categories: make check runs ST_CHECK (about 6 minutes in
# the debug guest); check-all adds ST_SLOW (about 25 minutes) and runs
# both on the unmodified base kernel, which must match the baseline.
ST_CHECK=${ST_CHECK:-mmap,mremap,mlock,madv_populate,mkdirty,cow,gup_test,thp_quick,pagemap,soft_dirty,userfaultfd,memfd_secret,process_mrelease}
ST_SLOW=${ST_SLOW:-thp,ksm,migration,hugetlb,hugevm,compaction,mdwe}
t_selftests_build() { need build boot && bash "$W/selftests.sh" build; }
t_selftests() { need selftests-build && bash "$W/selftests.sh" run qemu "$ST_CHECK" check; }
t_lockdep() {
	need boot
	bash "$W/build.sh" lockdep "$KTREE" "$WB_TOP/configs/qemu.config" "$WB_TOP/configs/lockdep.config"
	BOOT_SMP=4 BOOT_TAG=smoke BOOT_DIMM=256M bash "$W/boot.sh" lockdep smoke
}
# Fault injection on the lockdep kernel (-smp 4): there spinlock_t does
# not fit in struct ptdesc, so ptlocks come from slab and failslab hits
# them (about 1500 failures), with lockdep watching the error paths.
t_lockdep_fi() {
	need lockdep && FI_MUST_HIT=failslab:__pte_alloc BOOT_SMP=4 BOOT_TAG=fi BOOT_MEM=2G \
		bash "$W/boot.sh" lockdep faultinject
}
t_selftests_slow() { need selftests-build && bash "$W/selftests.sh" run qemu "$ST_SLOW" slow; }
t_selftests_base() {
	need selftests-build
	bash "$W/build.sh" base-qemu "$BUILD/base"
	bash "$W/selftests.sh" run base-qemu "$ST_CHECK,$ST_SLOW" base
}
t_kasan() {
	need boot
	bash "$W/build.sh" kasan "$KTREE" "$WB_TOP/configs/qemu.config" "$WB_TOP/configs/kasan.config"
	BOOT_TAG=smoke BOOT_MEM=2G BOOT_TIMEOUT=900 bash "$W/boot.sh" kasan smoke
	BOOT_TAG=fi BOOT_MEM=2G BOOT_TIMEOUT=1800 bash "$W/boot.sh" kasan faultinject
}
# UEFI boot: the EFI page tables (efi_alloc_page_tables(), CPA's
# populate_pgd() for the runtime regions) are only built when the kernel
# boots through UEFI, which the SeaBIOS boots of make check do not.
t_efi() {
	need boot
	WB_DEPS_EXTRA=ovmf bash "$W/deps.sh"
	bash "$W/build.sh" efi "$KTREE" "$WB_TOP/configs/qemu.config" "$WB_TOP/configs/efi.config"
	BOOT_FIRMWARE=ovmf BOOT_TAG=smoke BOOT_TIMEOUT=900 BOOT_APPEND=efi=debug bash "$W/boot.sh" efi smoke
	local log=$LOGS/boot-efi-smoke.log
	grep -q '^efi: EFI v' "$log" || { echo "FAILED: the guest did not boot through UEFI ($log)"; return 1; }
	grep -q 'efi: Remove mem\|efi: mem[0-9]*: \[Runtime' "$log" ||
		{ echo "FAILED: no EFI runtime region in the memory map ($log)"; return 1; }
	! grep -q 'efi: .*[Ff]ailed\|EFI runtime services are not available\|Failed to allocate EFI page tables' "$log" ||
		{ echo "FAILED: EFI runtime setup failed ($log)"; grep -i 'efi.*fail' "$log"; return 1; }
	echo "ok: booted through UEFI with EFI runtime regions mapped ($(grep -c 'Runtime' "$log") runtime lines)"
}
t_faultinject() { need boot && BOOT_TAG=fi BOOT_MEM=2G bash "$W/boot.sh" qemu faultinject; }
# Every selftest result is a result of its own (st/CATEGORY/TEST).
st_rows() {
	local rows=$BUILD/selftests-$1.rows
	[ -r "$rows" ] && cat "$rows" >>"$RES"
	return 0
}

run_test deps t_deps
run_test prepare t_prepare
run_test apply t_apply
run_test regen t_regen
run_test cocci-modes bash "$T/cocci-modes.sh"
run_test am-fresh t_am_fresh
run_test checkpatch t_checkpatch
run_test kpath-files t_kpath_files
run_test rst bash "$T/rst.sh"
run_test export-stable t_export_stable
run_test ptdesc-audit bash "$T/ptdesc-audit.sh"
run_test pagesize-classes bash "$T/pagesize-classes.sh"
run_test build t_build
run_test repro t_repro
run_test noop-detects bash "$T/objcmp-detects.sh"
run_test noop t_noop
run_test boot t_boot
# Each guest test is a result of its own.
if [ -r "$LOGS/boot-qemu.tap" ] && passed build; then
	while read -r ok rest; do
		n=${rest#* - }; n=${n%% *}
		if [ "$ok" = ok ]; then r=pass; else r=FAIL; fi
		printf 'guest/%s\t%s\t-\n' "$n" "$r" >>"$RES"
	done < <(sed 's/^not ok/not_ok/' "$LOGS/boot-qemu.tap")
fi
run_test selftests-detects bash "$T/ksft-detects.sh"
run_test bootcheck-detects bash "$T/bootcheck-detects.sh"
run_test bench-detects bash "$T/bench-detects.sh"
run_test selftests-build t_selftests_build
rm -f "$BUILD/selftests-qemu-check.rows"
run_test selftests t_selftests
st_rows qemu-check
run_test faultinject t_faultinject
run_test lockdep t_lockdep
run_test lockdep-faultinject t_lockdep_fi
run_test fail/missing-package bash "$T/fail-missing-package.sh"
run_test fail/patch-does-not-apply bash "$T/fail-patch-does-not-apply.sh"
run_test fail/dirty-tree bash "$T/fail-dirty-tree.sh"
run_test fail/foreign-commits bash "$T/fail-foreign-commits.sh"
if passed boot; then
	run_test shell bash "$T/shell.sh"
	run_test fail/guest-hang bash "$T/fail-guest-hang.sh"
else
	run_test shell need boot
	run_test fail/guest-hang need boot
fi

if [ "$ALL" -eq 1 ]; then
	run_test all/cross-arm64 bash "$T/cross.sh" arm64
	run_test all/cross-arm64-64k bash "$T/cross.sh" arm64-64k
	run_test all/cross-powerpc64le bash "$T/cross.sh" powerpc64le
	run_test all/cross-s390x bash "$T/cross.sh" s390x
	run_test all/xen-pv-build bash "$T/cross.sh" xen-pv
	run_test all/x86-variants bash "$T/x86-variants.sh"
	run_test all/every-commit-builds bash "$T/every-commit.sh"
	run_test all/noop-defconfig t_noop_defconfig
	run_test all/noop-xen-pv t_noop_xen
	rm -f "$BUILD/selftests-qemu-slow.rows" "$BUILD/selftests-base-qemu-base.rows"
	run_test all/selftests-slow t_selftests_slow
	st_rows qemu-slow
	run_test all/selftests-base t_selftests_base
	st_rows base-qemu-base
	run_test all/kasan t_kasan
	run_test all/efi t_efi
fi

printf '\n%-34s %-6s %8s\n' test result seconds
printf '%-34s %-6s %8s\n' ---------------------------------- ------ --------
# Selftest rows are summed per category (every failing one is listed).
awk -F'\t' '$1 !~ /^st\// { printf "%-34s %-6s %8s\n", $1, $2, $3 }' "$RES"
awk -F'\t' '$1 ~ /^st\// { split($1, a, "/"); c = "st/" a[2]; n[c, $2]++; cs[c] = 1 }
	$1 ~ /^st\// && $2 == "FAIL" { bad = bad sprintf("    FAIL %s\n", $1) }
	END { for (c in cs) printf "%-34s pass %d, skip %d, xfail %d, FAIL %d\n", c,
		n[c, "pass"], n[c, "skip"], n[c, "xfail"], n[c, "FAIL"]; printf "%s", bad }' "$RES" | sort
p=$(grep -c $'\tpass\t' "$RES" || true)
f=$(grep -c $'\tFAIL\t' "$RES" || true)
sk=$(grep -c $'\tskip\t' "$RES" || true)
xf=$(grep -c $'\txfail\t' "$RES" || true)
# CI shows only the tail of the output: name every failure again here,
# with the end of its log, so that the tail alone says what went wrong.
while IFS=$'\t' read -r name res dt; do
	[ "$res" = FAIL ] || continue
	case $name in
	st/*)	# a selftest result: its output is in the guest's second
		# serial port log (check-all's slow and base runs have theirs)
		printf 'FAILED: %s (see build/logs/boot-qemu-check.log.ttyS1; check-all: boot-qemu-slow, boot-base-qemu-base)\n' "$name"
		continue ;;
	esac
	log=$LOGS/check-${name//\//_}.log
	printf '\nFAILED: %s (%ss; log: %s)\n' "$name" "$dt" "${log#"$WB_TOP"/}"
	if [ -r "$log" ]; then tail -n 12 "$log" | cut -c1-200 | sed 's/^/    | /'; fi
done <"$RES"
printf '\ncheck%s: total %ss\n' "$([ "$ALL" -eq 1 ] && echo -all)" "$(elapsed "$t_all")"
[ -z "$ONLY" ] || echo "CHECK_ONLY=$ONLY: only these tests and their steps ran, not the whole suite"
echo "$p passed, $f failed ($sk skipped and $xf failing as on the base, per workbench/selftests.expected)"
[ "$f" -eq 0 ]
