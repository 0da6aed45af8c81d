#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: page-table benchmarks, base kernel against the series (make
# bench). Builds both with configs/qemu.config + configs/bench.config
# (the guest kernel without its debug options): the series from the
# kernel work tree into build/out/bench, the base from the base worktree
# (build/base) into build/out/base-bench. Then boots them in turn,
# BENCH_ROUNDS times each (default 3), base first, in mode "bench"
# (guest/ptbench, BENCH_REPS repetitions of every case, default 15).
# Every boot is judged like any other (clean console, accounting, all
# cases ran and passed). workbench/bench.py compares the two kernels with
# the targets in workbench/bench.targets, prints a table and writes
# build/bench.tsv; a missed target fails the run.
. "$(dirname "$0")/lib.sh"

rounds=${BENCH_ROUNDS:-3}
reps=${BENCH_REPS:-15}
case "$rounds$reps" in
*[!0-9]*) die "BENCH_ROUNDS and BENCH_REPS take a number (got '$rounds', '$reps')" ;;
esac
[ "$rounds" -ge 1 ] || die "BENCH_ROUNDS must be at least 1"
frags=("$WB_TOP/configs/qemu.config" "$WB_TOP/configs/bench.config")

t0=$(now)
wt=$(base_worktree)
note "bench: building the base ($wt) and the series ($KTREE) with the bench config"
bash "$WB_TOP/workbench/build.sh" base-bench "$wt" "${frags[@]}"
bash "$WB_TOP/workbench/build.sh" bench "$KTREE" "${frags[@]}"
bash "$WB_TOP/workbench/initramfs.sh"
note "bench: builds done ($(elapsed "$t0")s)"

logs=()
for r in $(seq 1 "$rounds"); do
	for k in base-bench bench; do
		t1=$(now)
		BOOT_TAG=r$r BOOT_APPEND="wb.rounds=$reps" BOOT_TIMEOUT=${BOOT_TIMEOUT:-600} \
			bash "$WB_TOP/workbench/boot.sh" "$k" bench ||
			die "bench: the $k boot of round $r failed (log: $LOGS/boot-$k-r$r.log)"
		note "bench: round $r/$rounds, $k: done ($(elapsed "$t1")s)"
		logs+=("$k=$LOGS/boot-$k-r$r.log")
	done
done
rc=0
python3 "$WB_TOP/workbench/bench.py" --targets "$WB_TOP/workbench/bench.targets" \
	--tsv "$BUILD/bench.tsv" "${logs[@]}" || rc=$?
note "bench: $(elapsed "$t0")s in all; table in $BUILD/bench.tsv"
exit "$rc"
