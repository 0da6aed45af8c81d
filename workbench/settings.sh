# SPDX-License-Identifier: GPL-2.0
# The settings a user may give on the command line or in the environment
# (make VAR=value ... or VAR=value make ...), each with its default: the
# one place where they are defined. workbench/lib.sh sources this file;
# 'make help' prints every line marked '#:'. Sourced, not run.

# The base and the series.
: "${LINUX_SRC:=}"	#: your own v6.12.y git tree as the base (empty: Debian's linux-source-6.12 in build/linux)
: "${LINUX_BASE:=HEAD}"	#: with LINUX_SRC: the base revision in that tree
# Builds.
: "${JOBS:=$(nproc)}"	#: parallel jobs of every kernel and selftest build
: "${WB_NO_CCACHE:=}"	#: non-empty: build without ccache
: "${CCACHE_MAXSIZE:=8G}"	#: ccache's size limit (the cache is ccache's default, ~/.cache/ccache)
: "${WB_NO_INSTALL:=}"	#: non-empty: make deps only checks and names the missing packages
# Guests.
: "${BOOT_TIMEOUT:=300}"	#: seconds a smoke or fault-injection guest may run before it fails as hung
: "${BOOT_APPEND:=}"	#: extra kernel command line for every guest (e.g. wb.rounds=50)
: "${ST_TIMEOUT:=4500}"	#: seconds a selftest guest may run
: "${GUEST_LOCK=${TMPDIR:-/tmp}/ptdesc-first-guests.$(id -u).lock}"	#: file that lets one QEMU guest run at a time on this machine, shared by every checkout (empty: no lock)
: "${GUEST_LOCK_WAIT:=7200}"	#: seconds a guest waits for another one to end before it fails
: "${CATS:=}"	#: selftest categories (empty: the 'check' set of workbench/selftests.categories for make selftests, every set for selftests-base and selftests-baseline)
# The test suite.
: "${CHECK_ONLY:=}"	#: make check-all: run only these tests (comma-separated) and the steps they need
: "${EVERY_COMMIT_REBUILD:=}"	#: non-empty: check-all builds every commit again, ignoring workbench/every-commit.ok
: "${EVERY_COMMIT_BUDGET:=}"	#: seconds after which check-all's every-commit build stops (and fails), keeping what it recorded
: "${EVERY_COMMIT_RANGE:=}"	#: A-B (patch numbers): check-all's every-commit builds only patches A to B, and fails while others are not built
# Benchmarks.
: "${BENCH_ROUNDS:=5}"	#: rounds of make bench (at least 5 for a figure; each round boots each of the four bench kernels once, in rotating order)
: "${BENCH_REPS:=15}"	#: repetitions of every case in one bench boot (the guest reports their median)
: "${BENCH_TIMEOUT:=900}"	#: seconds one bench guest may run
: "${BENCH_ICOUNT=0}"	#: make bench: guests run with QEMU '-icount shift=BENCH_ICOUNT,sleep=off', so guest time counts instructions (spread under 1 %); empty: the host's clock (spread 3-50 %; see README)
export LINUX_SRC LINUX_BASE JOBS WB_NO_CCACHE CCACHE_MAXSIZE WB_NO_INSTALL BOOT_TIMEOUT BOOT_APPEND \
	ST_TIMEOUT GUEST_LOCK GUEST_LOCK_WAIT CATS CHECK_ONLY EVERY_COMMIT_REBUILD EVERY_COMMIT_BUDGET EVERY_COMMIT_RANGE \
	BENCH_ROUNDS BENCH_REPS \
	BENCH_TIMEOUT BENCH_ICOUNT
