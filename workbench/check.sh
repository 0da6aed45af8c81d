#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check.sh [--all]: the test suite. Every test prints its wall time; the
# output ends with "N passed, N failed". --all adds the heavy runs.
. "$(dirname "$0")/lib.sh"

ALL=0
[ "${1:-}" = --all ] && ALL=1
# CHECK_ONLY=NAME,...: run only these tests (for example
# all/every-commit,all/kasan) and the steps they need (deps,
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
	# make summary shows the steps of this run.
	printf '%s\t%s\t%s\n' "$name" "$dt" "$rc" >>"$BUILD/timings.tsv"
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
R() { bash "$W/runs.sh" "$@"; }
t_build() { need apply && R build; }
t_repro() { need build && R repro; }
# The no-op proof. make check proves the first no-op run of the series
# (most of the mechanical commits); check-all proves every run, and
# again on x86_64 defconfig and on the Xen PV config.
t_noop() { need apply && NOOP_RUNS=1 bash "$W/noop.sh"; }
t_noop_rest() { need apply && NOOP_RUNS=2- bash "$W/noop.sh"; }
t_noop_defconfig() { need apply && NOOP_BASECONFIG=defconfig NOOP_CONFIG=$WB_TOP/configs/werror.config bash "$W/noop.sh"; }
t_noop_option_off() { need apply && NOOP_CLAIM=option-off bash "$W/noop.sh"; }
# The last run (the conversions of part 1 that come after part 3) with
# the subsystems its commits convert but the QEMU config leaves out
# (KVM, SGX, SEV, perf, uprobes, BPF, resctrl, kexec, HMM) compiled in.
t_noop_wide() {
	need apply
	NOOP_RUNS=last NOOP_TAG=wide NOOP_CONFIG="$WB_TOP/configs/qemu.config $WB_TOP/configs/noop-wide.config" \
		bash "$W/noop.sh"
}
t_noop_xen() {
	need apply
	NOOP_TAG=xen-pv NOOP_CONFIG="$WB_TOP/configs/xen-pv.config $WB_TOP/configs/xen-pv-noop.config" \
		bash "$W/noop.sh"
}
# The guest suite (README "Guest test suite"); each run is defined once,
# in workbench/runs.sh.
t_boot() { need build && R boot; }
t_selftests_build() { need build boot && R selftests-build; }
t_selftests() { need selftests-build && R selftests; }
t_faultinject() { need boot && R faultinject; }
t_lockdep() { need boot && R lockdep; }
t_lockdep_fi() { need lockdep && R lockdep-faultinject; }
t_lockdep_kunit() { need lockdep && R lockdep-kunit; }
t_lockdep_selftests() { need lockdep selftests-build && R lockdep-selftests; }
t_selftests_slow() { need selftests-build && R selftests-slow; }
t_selftests_base() { need selftests-build && R selftests-base; }
t_kasan() { need boot && R kasan; }
t_lockdep_overlay() { need boot && R lockdep-overlay; }
t_efi() { need boot && R efi; }
# Every selftest result is a result of its own (st/CATEGORY/TEST).
st_rows() {
	local rows=$BUILD/selftests-$1.rows
	[ -r "$rows" ] && cat "$rows" >>"$RES"
	return 0
}

run_test deps t_deps
run_test prepare t_prepare
run_test apply t_apply
# The no-op proof builds two kernels that no other test needs. It runs in
# the background at the lowest CPU priority from here on, on the cycles
# the other tests leave idle (single-threaded static checks, guests
# with idle vCPUs), and is joined before the summary.
noop_out=$BUILD/check-noop.out
( renice -n 19 "$BASHPID" >/dev/null; run_test noop t_noop ) >"$noop_out" 2>&1 &
noop_pid=$!
# The static checks are single-threaded: two lanes side by side, one on
# each core (regen and spatch in one, checkpatch in the other, and
# cocci-modes split between them). The lane in the background writes its report to a file,
# printed when it is joined.
lane=$BUILD/check-lane.out
# cocci-modes is split between the lanes by patch number, so that they
# take about as long (2026-12-07, 144 patches, once every script but
# one had a grep query: regen about 460-530 s, checkpatch 200-230 s, units-check
# 180 s, cocci-modes about 10 s per mechanical patch). The two patterns
# must cover every patch number: before 141 the second stopped at 0099
# and patches 0100 on were never checked.
( run_test regen t_regen; run_test am-fresh t_am_fresh
  run_test cocci-modes/0001-0039 bash "$T/cocci-modes.sh" '^00[0-3]' ) >"$lane" 2>&1 &
lane_pid=$!
run_test checkpatch t_checkpatch
run_test kpath-files t_kpath_files
run_test rst bash "$T/rst.sh"
run_test export-stable t_export_stable
run_test ptdesc-audit bash "$T/ptdesc-audit.sh"
run_test pagesize-classes bash "$T/pagesize-classes.sh"
run_test units-check bash "$W/units-check.sh"
run_test cocci-modes/0040-on bash "$T/cocci-modes.sh" '^(00[4-9]|0[1-9]|[1-9])'
wait "$lane_pid" || true
cat "$lane"
run_test build t_build
run_test noop-detects bash "$T/noop-detects.sh"
run_test boot t_boot
# Each guest test is a result of its own: guest_rows TAP PREFIX, after
# the run that wrote TAP passed.
guest_rows() {
	[ -r "$1" ] || return 0
	while read -r ok rest; do
		n=${rest#* - }; n=${n%% *}
		if [ "$ok" = ok ]; then r=pass; else r=FAIL; fi
		printf '%s/%s\t%s\t-\n' "$2" "$n" "$r" >>"$RES"
	done < <(sed 's/^not ok/not_ok/' "$1")
}
passed build && guest_rows "$LOGS/boot-qemu.tap" guest
run_test selftests-detects bash "$T/selftests-detects.sh"
run_test bootcheck-detects bash "$T/bootcheck-detects.sh"
run_test bench-detects bash "$T/bench-detects.sh"
run_test selftests-build t_selftests_build
rm -f "$BUILD/selftests-qemu-check.rows"
run_test selftests t_selftests
st_rows qemu-check
run_test faultinject t_faultinject
run_test lockdep t_lockdep
run_test lockdep-faultinject t_lockdep_fi
rm -f "$LOGS/boot-lockdep-kunit.tap"
run_test lockdep-kunit t_lockdep_kunit
guest_rows "$LOGS/boot-lockdep-kunit.tap" kunit
rm -f "$BUILD/selftests-lockdep-check.rows"
run_test lockdep-selftests t_lockdep_selftests
st_rows lockdep-check
run_test fail-missing-package bash "$T/fail-missing-package.sh"
run_test fail-patch-does-not-apply bash "$T/fail-patch-does-not-apply.sh"
run_test fail-dirty-tree bash "$T/fail-dirty-tree.sh"
run_test fail-foreign-commits bash "$T/fail-foreign-commits.sh"
if passed boot; then
	run_test shell bash "$T/shell.sh"
	run_test fail-guest-hang bash "$T/fail-guest-hang.sh"
	run_test guest-lock bash "$T/guest-lock.sh"
else
	run_test shell need boot
	run_test fail-guest-hang need boot
	run_test guest-lock need boot
fi

wait "$noop_pid" || true
cat "$noop_out"

if [ "$ALL" -eq 1 ]; then
	# What only check-all catches is listed in README ("make check-all").
	run_test all/repro t_repro
	run_test all/noop-second-runs t_noop_rest
	run_test all/cross-arm64 bash "$T/cross.sh" arm64
	run_test all/cross-arm64-64k bash "$T/cross.sh" arm64-64k
	run_test all/cross-powerpc64le bash "$T/cross.sh" powerpc64le
	run_test all/cross-s390x bash "$T/cross.sh" s390x
	run_test all/xen-pv-build bash "$T/cross.sh" xen-pv
	run_test all/x86-variants bash "$T/x86-variants.sh"
	run_test all/every-commit bash "$T/every-commit.sh"
	run_test all/noop-defconfig t_noop_defconfig
	run_test all/noop-xen-pv t_noop_xen
	run_test all/noop-wide t_noop_wide
	run_test all/noop-option-off t_noop_option_off
	rm -f "$BUILD/selftests-qemu-slow.rows" "$BUILD/selftests-base-qemu-base.rows"
	run_test all/selftests-slow t_selftests_slow
	st_rows qemu-slow
	run_test all/selftests-base t_selftests_base
	st_rows base-qemu-base
	run_test all/lockdep-overlay t_lockdep_overlay
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
