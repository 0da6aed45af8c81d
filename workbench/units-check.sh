#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# units-check: the units check of Documentation/mm/page-sizes.rst.
# scripts/coccinelle/api/pagesize/units_check.cocci must report exactly
# the lines its self-test marks (one of each kind, not their twins
# written in the right unit), every API in its tables must still exist,
# and at the series head every call it reports must be listed in
# workbench/units-check.known, whose categories page-sizes.rst lists with
# their counts. The full list is written to build/units-check.txt.
. "$(dirname "$0")/lib.sh"
command -v spatch >/dev/null || die "spatch is missing (apt-get install coccinelle)"
kgit rev-parse -q --verify "refs/heads/$SERIES_BRANCH" >/dev/null ||
	die "no $SERIES_BRANCH branch in $KTREE (run 'make apply')"
sp=$WB_TOP/scripts/coccinelle/api/pagesize/units_check.cocci
py=$WB_TOP/workbench/units-check.py
t0=$(now)
echo "self-test (workbench/tests/units-check.c):"
python3 "$py" selftest "$sp" "$WB_TOP/workbench/tests/units-check.c"
python3 "$py" apis "$sp" "$KTREE" "refs/heads/$SERIES_BRANCH"
echo "report mode over the series head (a few minutes) ..."
python3 "$py" tree "$sp" "$KTREE" "refs/heads/$SERIES_BRANCH" \
	"$WB_TOP/workbench/units-check.known" Documentation/mm/page-sizes.rst \
	--list "$BUILD/units-check.txt"
echo "units check: done in $(elapsed "$t0")s; every hit: build/units-check.txt"
