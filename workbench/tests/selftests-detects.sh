#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The selftest comparator (workbench/ksft.py) fails on every kind of
# deviation from the baseline, and passes on a run that matches it.
. "$(dirname "$0")/../lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ksft() { python3 "$WB_TOP/workbench/ksft.py" "$@"; }

# A run as the guest writes it: sub-tests, a [RUN]-named skip, a
# khugepaged step line, and the run_vmtests.sh result lines.
log() {
	cat <<LOG
WB-CAT begin cow
TAP version 13
# running ./cow
# # [RUN] Basic COW after fork() ... with base page
# ok 1 No leak from parent into child
# # [RUN] Basic COW after fork() ... with swapped out base page
# ok 2 # SKIP MADV_PAGEOUT did not work, is swap enabled?
# ${1:-ok} 3 vmsplice() + unmap in child
# [PASS]
ok 1 cow
WB-CAT end cow rc=0 seconds=1
WB-CAT begin thp_quick
# Run test: collapse_full (khugepaged:anon)
# Collapse multiple fully populated PTE table.... $(printf '\033[3%sm%s\033[0m' "${2:-2}" "${3:-OK}")
ok 1 khugepaged khugepaged:anon
WB-CAT end thp_quick rc=0 seconds=1
LOG
}
log >"$tmp/base.log"
printf '# test\n' >"$tmp/reasons"
printf '*MADV_PAGEOUT*\tno swap\n' >"$tmp/reasons"
ksft record "$tmp/base.log" "$tmp/exp" --categories cow,thp_quick --reasons "$tmp/reasons" >/dev/null
n=$(grep -vc '^#' "$tmp/exp")
[ "$n" -eq 6 ] || { cat "$tmp/exp"; die "expected 6 recorded results, got $n"; }
grep -q $'cow\tcow :: Basic COW after fork() ... with swapped out base page -> MADV_PAGEOUT did not work, is swap enabled?\tskip\tno swap' "$tmp/exp" ||
	die "the [RUN]-named skip was not recorded with its reason"
ksft compare "$tmp/base.log" "$tmp/exp" --categories cow,thp_quick >/dev/null ||
	die "a run identical to the baseline does not pass"

expect_fail() { # WHAT LOG-FILE
	if ksft compare "$2" "$tmp/exp" --categories cow,thp_quick >"$tmp/out"; then
		die "not caught: $1"
	fi
	echo "caught: $1: $(grep -m1 -E '^(deviation|problem):' "$tmp/out")"
}
log "not ok" >"$tmp/a.log"; expect_fail "a sub-test that now fails" "$tmp/a.log"
log ok 1 Fail >"$tmp/b.log"; expect_fail "a khugepaged step that now fails" "$tmp/b.log"
log | sed 's/^# ok 1 No leak/# ok 1 # SKIP No leak/' >"$tmp/c.log"
expect_fail "a pass that became a skip" "$tmp/c.log"
log | grep -v 'vmsplice' >"$tmp/d.log"; expect_fail "a sub-test that no longer runs" "$tmp/d.log"
log | sed '/WB-CAT end thp_quick/d' >"$tmp/e.log"; expect_fail "a category that never finished" "$tmp/e.log"
log | sed 's/^# ok 3 vmsplice.*/&\n# ok 4 a new case/' >"$tmp/f.log"
expect_fail "a test the baseline does not know" "$tmp/f.log"
# A skip or fail without a reason cannot be recorded.
: >"$tmp/reasons"
cp "$tmp/exp" "$tmp/exp2"
if ksft record "$tmp/base.log" "$tmp/exp2" --categories cow,thp_quick --reasons "$tmp/reasons" >/dev/null; then
	die "a skip without a reason was recorded"
fi
cmp -s "$tmp/exp" "$tmp/exp2" || die "a refused recording changed the baseline"
echo "caught: a skip without a reason (the baseline is left as it was)"
# A baseline that does not load is an error, never an empty start.
{ cat "$tmp/exp"; printf 'cow\tbroken\tfail\t\n'; } >"$tmp/exp3"
cp "$tmp/exp3" "$tmp/exp4"
if ksft record "$tmp/base.log" "$tmp/exp3" --categories mmap --reasons "$tmp/reasons" >/dev/null 2>&1; then
	die "a broken baseline was overwritten"
fi
cmp -s "$tmp/exp3" "$tmp/exp4" || die "a broken baseline was changed"
echo "caught: a broken baseline (left as it was)"
# A category is named the same whatever ran before it in the boot: the
# khugepaged test name of one category ("Run test: ...") must not prefix
# the first steps of the next (thp after thp_quick, in the base run).
{
	log
	printf '%s\n' 'WB-CAT begin thp' "# Save THP and khugepaged settings... $(printf '\033[32mOK\033[0m')" \
		'ok 1 khugepaged' 'WB-CAT end thp rc=0 seconds=1'
} >"$tmp/g.log"
printf '%s\n' 'WB-CAT begin thp' "# Save THP and khugepaged settings... $(printf '\033[32mOK\033[0m')" \
	'ok 1 khugepaged' 'WB-CAT end thp rc=0 seconds=1' >"$tmp/h.log"
ksft record "$tmp/h.log" "$tmp/exp5" --categories thp --reasons "$tmp/reasons" >/dev/null
ksft compare "$tmp/g.log" "$tmp/exp5" --categories thp >"$tmp/out" || {
	cat "$tmp/out"; die "a category's results depend on the category that ran before it"
}
echo "ok: a category's sub-tests are named the same after another category"
# mrelease_test names its pass after the child size that worked (1MB,
# 2MB, ...: timing): a baseline recorded at one size matches a run at
# another, and a failure is still a deviation.
mrel() {
	printf '%s\n' 'WB-CAT begin process_mrelease' 'TAP version 13' '# running ./mrelease_test' \
		"# ${2:-ok} 1 Success reaping a child with ${1}MB of memory allocations" '# [PASS]' \
		'ok 1 mrelease_test' 'WB-CAT end process_mrelease rc=0 seconds=1'
}
mrel 1 >"$tmp/m1.log"; mrel 4 >"$tmp/m4.log"; mrel 4 "not ok" >"$tmp/m4f.log"
ksft record "$tmp/m1.log" "$tmp/exp6" --categories process_mrelease --reasons "$tmp/reasons" >/dev/null
ksft compare "$tmp/m4.log" "$tmp/exp6" --categories process_mrelease >"$tmp/out" || {
	cat "$tmp/out"; die "mrelease_test at 4MB deviates from a 1MB baseline"
}
if ksft compare "$tmp/m4f.log" "$tmp/exp6" --categories process_mrelease >"$tmp/out"; then
	die "not caught: a failing mrelease_test"
fi
echo "ok: mrelease_test's size in its name does not matter; its failure does"
