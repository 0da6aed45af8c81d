#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: page-table benchmarks, base kernel against the series (make
# bench). Builds both with configs/qemu.config + configs/bench.config
# (the guest kernel without its debug options): the series from the
# kernel work tree into build/out/bench, the base from the base worktree
# (build/base) into build/out/base-bench. Then boots them BENCH_ROUNDS
# times each, interleaved and in alternating order (base first in odd
# rounds, series first in even ones, so that a drift of the host's speed
# hits both alike), in mode "bench" (guest/ptbench, BENCH_REPS
# repetitions of every case). With BENCH_ICOUNT the guests run with
# QEMU's -icount (see workbench/boot.sh). Every boot is judged like any
# other (clean console, accounting, all cases ran and passed).
# workbench/bench.py compares the two kernels with the targets in
# workbench/bench.targets: medians over the rounds with their range,
# figures whose spread exceeds their difference flagged; it prints a
# table and writes build/bench.tsv, and gnuplot draws build/bench.png. A
# missed target fails the run. The settings are in workbench/settings.sh.
. "$(dirname "$0")/lib.sh"

rounds=$BENCH_ROUNDS reps=$BENCH_REPS
case "$rounds$reps$BENCH_ICOUNT" in
*[!0-9]*) die "BENCH_ROUNDS, BENCH_REPS and BENCH_ICOUNT take a number (got '$rounds', '$reps', '$BENCH_ICOUNT')" ;;
esac
[ "$rounds" -ge 1 ] || die "BENCH_ROUNDS must be at least 1"
[ "$rounds" -ge 5 ] || note "bench: BENCH_ROUNDS=$rounds: fewer than 5 rounds, every figure will be flagged as unresolved"
frags=("$WB_TOP/configs/qemu.config" "$WB_TOP/configs/bench.config")
WB_DEPS_EXTRA=gnuplot-nox bash "$WB_TOP/workbench/deps.sh"

t0=$(now)
wt=$(base_worktree)
note "bench: building the base ($wt) and the series ($KTREE) with the bench config"
bash "$WB_TOP/workbench/build.sh" base-bench "$wt" "${frags[@]}"
bash "$WB_TOP/workbench/build.sh" bench "$KTREE" "${frags[@]}"
bash "$WB_TOP/workbench/initramfs.sh"
note "bench: builds done ($(elapsed "$t0")s)"

tag=${BENCH_ICOUNT:+ic$BENCH_ICOUNT-}
logs=()
for r in $(seq 1 "$rounds"); do
	order="base-bench bench"
	[ $((r % 2)) -eq 0 ] && order="bench base-bench"
	for k in $order; do
		t1=$(now)
		BOOT_TAG=${tag}r$r BOOT_APPEND="wb.rounds=$reps" BOOT_TIMEOUT=$BENCH_TIMEOUT \
			BOOT_ICOUNT=$BENCH_ICOUNT bash "$WB_TOP/workbench/boot.sh" "$k" bench ||
			die "bench: the $k boot of round $r failed (log: $LOGS/boot-$k-${tag}r$r.log)"
		note "bench: round $r/$rounds, $k: done ($(elapsed "$t1")s)"
		logs+=("$k=$LOGS/boot-$k-${tag}r$r.log")
	done
done
rc=0
python3 "$WB_TOP/workbench/bench.py" --targets "$WB_TOP/workbench/bench.targets" \
	--tsv "$BUILD/bench.tsv" --plot "$BUILD/bench-plot.dat" "${logs[@]}" || rc=$?

# Memory at boot of each kernel (every round's reading; guest/init).
printf '\nmemory at boot, kB (each round):\n'
for k in base-bench bench; do
	for l in "${logs[@]}"; do
		[ "${l%%=*}" = "$k" ] || continue
		printf '  %-10s %s\n' "$k" "$(sed -n 's/^WB-BOOTMEM //p' "${l#*=}" | head -n 1)"
	done
done

clock="guest time from the host clock"
[ -z "$BENCH_ICOUNT" ] || clock="guest time in instructions (-icount shift=$BENCH_ICOUNT)"
gnuplot <<GP || note "bench: gnuplot failed; the data is in $BUILD/bench-plot.dat"
set terminal pngcairo size 900,500 noenhanced
set output '$BUILD/bench.png'
set title "make bench: series / base per case, median of $rounds rounds, $clock\\nbars: min(series)/max(base) .. max(series)/min(base)"
set ylabel 'series / base'
set yrange [0.5:1.5]
set grid ytics
set xtics rotate by -30
set boxwidth 0.5
set style fill solid 0.4
plot '$BUILD/bench-plot.dat' using 1:3:xtic(2) with boxes title 'median ratio', \
     '' using 1:3:4:5 with yerrorbars lc rgb 'black' title 'range', \
     1.10 with lines dt 2 title 'target 1.10', 1.0 with lines lc rgb 'gray' notitle
GP
[ -f "$BUILD/bench.png" ] && note "bench: plot in $BUILD/bench.png"
note "bench: $(elapsed "$t0")s in all; table in $BUILD/bench.tsv"
exit "$rc"
