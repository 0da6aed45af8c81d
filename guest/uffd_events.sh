#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The uffd_events category: not part of any check. It runs the "events"
# and "events-wp" cases of uffd-unit-tests (fork, mremap and
# MADV_DONTNEED events on every memory type) $UFFD_ROUNDS times (20 by
# default, wb.rounds= on the kernel command line), one TAP line per
# round, to measure how often their known race (UFFDIO_COPY failing with
# ENOENT) hits one kernel against another. wb.uffd=all on the kernel
# command line runs every case of uffd-unit-tests in each round instead.
#   make selftests-base CATS=uffd_events   # the base kernel
#   make selftests CATS=uffd_events        # the series
cd "$(dirname "$0")" || exit 1
rounds=${UFFD_ROUNDS:-20}
filter=(-f events) name=uffd-unit-tests-events
[ "${UFFD_FILTER:-events}" = all ] && filter=() name=uffd-unit-tests
echo "TAP version 13"
for n in $(seq 1 "$rounds"); do
	t0=$SECONDS
	echo "# round $n"
	(./uffd-unit-tests "${filter[@]}" 2>&1) | sed -e 's/^/# /'
	rc=${PIPESTATUS[0]}
	echo "# round $n took $((SECONDS - t0)) s"
	case $rc in
	0) echo "ok $n $name round $n" ;;
	4) echo "ok $n $name round $n # SKIP" ;;
	*) echo "not ok $n $name round $n # exit=$rc" ;;
	esac
done
echo "1..$rounds"
