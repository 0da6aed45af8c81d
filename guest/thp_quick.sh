#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The thp_quick category: the part of run_vmtests.sh's "thp" category
# that make check can afford under TCG. The full category runs
# khugepaged for every context and memory type twice (about 14 minutes
# in the debug guest), so it is left to make check-all, and so is
# split_huge_page_test (781 s on its own in the debug guest). This keeps
# collapse by khugepaged (anon; its cases also split huge PMDs and
# PTE-map THPs) and the THP stress test (which splits every THP it
# makes with MADV_DONTNEED), with run_vmtests.sh's TAP conventions so
# the host parses both alike.
cd "$(dirname "$0")" || exit 1
n=0
echo "TAP version 13"
run_test() {
	local rc t0=$SECONDS
	echo "# running $*"
	("$@" 2>&1) | sed -e 's/^/# /'
	rc=${PIPESTATUS[0]}
	n=$((n + 1))
	echo "# $* took $((SECONDS - t0)) s"
	case $rc in
	0) echo "ok $n ${*#./}" ;;
	4) echo "ok $n ${*#./} # SKIP" ;;
	*) echo "not ok $n ${*#./} # exit=$rc" ;;
	esac
}
echo 3 >/proc/sys/vm/drop_caches
echo 1 >/proc/sys/vm/compact_memory
run_test ./khugepaged khugepaged:anon
# 256 MiB: by default it loops over half of RAM, which with the hugetlb
# pool reserved is more than is free, and one loop never ends.
run_test ./transhuge-stress -d 10 256
echo "1..$n"
