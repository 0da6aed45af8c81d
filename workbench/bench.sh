#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: page-table benchmarks, base kernel against the series (make
# bench). Builds four kernels with configs/qemu.config +
# configs/bench.config (the guest kernel without its debug options):
#   base-bench  the base, from the base worktree (build/base);
#   bench       the series, packing off (the default);
#   bench-pack  the series with packed page tables (configs/pt-pack.config);
#   bench-poc   for scale, the series with workbench/bench-poc.diff (never
#               part of patches/), which gives every table a whole 64K
#               block, as the proof of concept did (build/bench-poc, a
#               scratch worktree of the series).
# Then boots them BENCH_ROUNDS times each, interleaved and in rotating
# order (each round starts one kernel later, so that a drift of the
# host's speed hits all alike), in mode "bench" (guest/ptbench,
# BENCH_REPS repetitions of every case), with 3 GiB: the footprint case
# holds 16,384 tables, 1 GiB of them on bench-poc. With BENCH_ICOUNT the guests run with
# QEMU's -icount (see workbench/boot.sh). Every boot is judged like any
# other (clean console, accounting, all cases ran and passed).
# workbench/bench.py compares the two kernels with the targets in
# workbench/bench.targets: medians over the rounds with their range,
# figures whose spread exceeds their difference flagged; it prints a
# table and writes build/bench.tsv, and gnuplot draws build/bench.png (time ratios) and
# build/bench-pt.png (bytes per table of each kernel). A
# missed target fails the run. The settings are in workbench/settings.sh.
. "$(dirname "$0")/lib.sh"

rounds=$BENCH_ROUNDS reps=$BENCH_REPS
case "$rounds$reps$BENCH_ICOUNT" in
*[!0-9]*) die "BENCH_ROUNDS, BENCH_REPS and BENCH_ICOUNT take a number (got '$rounds', '$reps', '$BENCH_ICOUNT')" ;;
esac
[ "$rounds" -ge 1 ] || die "BENCH_ROUNDS must be at least 1"
[ "$rounds" -ge 5 ] || note "bench: BENCH_ROUNDS=$rounds: fewer than 5 rounds, every figure will be flagged as unresolved"
frags=("$WB_TOP/configs/qemu.config" "$WB_TOP/configs/bench.config")
kernels=(base-bench bench bench-pack bench-poc)
WB_DEPS_EXTRA=gnuplot-nox bash "$WB_TOP/workbench/deps.sh"

t0=$(now)
wt=$(base_worktree)
# The proof of concept's cost: a scratch worktree of the series, reset to
# the series and patched on every run.
poc=$BUILD/bench-poc
[ -d "$poc" ] || add_worktree "$poc" "refs/heads/$SERIES_BRANCH"
(
	flock 9
	git -C "$poc" checkout -q --force --detach "refs/heads/$SERIES_BRANCH"
	git -C "$poc" apply "$WB_TOP/workbench/bench-poc.diff"
) 9>"$BUILD/.worktree.lock" || die "bench: workbench/bench-poc.diff does not apply to the series"
note "bench: building the base ($wt), the series ($KTREE) without and with packed page tables, and the 64K-per-table kernel ($poc)"
bash "$WB_TOP/workbench/build.sh" base-bench "$wt" "${frags[@]}"
bash "$WB_TOP/workbench/build.sh" bench "$KTREE" "${frags[@]}"
bash "$WB_TOP/workbench/build.sh" bench-pack "$KTREE" "${frags[@]}" "$WB_TOP/configs/pt-pack.config"
bash "$WB_TOP/workbench/build.sh" bench-poc "$poc" "${frags[@]}"
bash "$WB_TOP/workbench/initramfs.sh"
note "bench: builds done ($(elapsed "$t0")s)"

tag=${BENCH_ICOUNT:+ic$BENCH_ICOUNT-}
logs=()
for r in $(seq 1 "$rounds"); do
	n=${#kernels[@]} order=()
	for i in $(seq 0 $((n - 1))); do order+=("${kernels[$(((i + r - 1) % n))]}"); done
	for k in "${order[@]}"; do
		t1=$(now)
		BOOT_TAG=${tag}r$r BOOT_APPEND="wb.rounds=$reps" BOOT_TIMEOUT=$BENCH_TIMEOUT BOOT_MEM=3G \
			BOOT_ICOUNT=$BENCH_ICOUNT bash "$WB_TOP/workbench/boot.sh" "$k" bench ||
			die "bench: the $k boot of round $r failed (log: $LOGS/boot-$k-${tag}r$r.log)"
		note "bench: round $r/$rounds, $k: done ($(elapsed "$t1")s)"
		logs+=("$k=$LOGS/boot-$k-${tag}r$r.log")
	done
done
rc=0
python3 "$WB_TOP/workbench/bench.py" --targets "$WB_TOP/workbench/bench.targets" \
	--tsv "$BUILD/bench.tsv" --plot "$BUILD/bench-plot.dat" --mem-plot "$BUILD/bench-mem.dat" \
	"${logs[@]}" || rc=$?

# Memory at boot of each kernel (every round's reading; guest/init).
printf '\nmemory at boot, kB (each round):\n'
for k in "${kernels[@]}"; do
	for l in "${logs[@]}"; do
		[ "${l%%=*}" = "$k" ] || continue
		printf '  %-10s %s\n' "$k" "$(sed -n 's/^WB-BOOTMEM //p' "${l#*=}" | head -n 1)"
	done
done

clock="guest time from the host clock"
[ -z "$BENCH_ICOUNT" ] || clock="guest time in instructions (-icount shift=$BENCH_ICOUNT)"
gnuplot <<GP || note "bench: gnuplot failed; the data is in $BUILD/bench-plot.dat"
set terminal pngcairo size 1200,600 noenhanced
set output '$BUILD/bench.png'
set bmargin 10
set rmargin 12
set title "make bench: series / base per case, median of $rounds rounds, $clock\\nbars: min(series)/max(base) .. max(series)/min(base)"
set ylabel 'series / base'
set yrange [0.5:1.5]
set grid ytics
set xtics rotate by -30
set boxwidth 0.5
set style fill solid 0.4
plot '$BUILD/bench-plot.dat' using 1:3:xtic(2) with boxes title 'median ratio', \
     '' using 1:3:4:5 with yerrorbars lc rgb 'black' title 'range', \
     1.10 with lines dt 2 title 'target 1.10 (bench)', 1.05 with lines dt 3 title 'target 1.05 (bench-pack)', \\
     1.0 with lines lc rgb 'gray' notitle
GP
[ -f "$BUILD/bench.png" ] && note "bench: plot in $BUILD/bench.png"
gnuplot <<GP || note "bench: gnuplot failed; the data is in $BUILD/bench-mem.dat"
set terminal pngcairo size 800,500 noenhanced
set output '$BUILD/bench-pt.png'
set title "make bench: memory per PTE table (pt-footprint)\\nfall of MemFree + per-CPU free lists over 16,384 tables\\nmedian of $rounds rounds, bars: min .. max"
set key top left
set ylabel 'bytes per table'
set logscale y 2
set yrange [2048:131072]
set grid ytics
set boxwidth 0.5
set style fill solid 0.4
plot '$BUILD/bench-mem.dat' using 1:3:xtic(2) with boxes title 'median', \\
     '' using 1:3:4:5 with yerrorbars lc rgb 'black' title 'range', \\
     4096 with lines dt 2 title '4096 B'
GP
[ -f "$BUILD/bench-pt.png" ] && note "bench: bytes per table in $BUILD/bench-pt.png"
note "bench: $(elapsed "$t0")s in all; table in $BUILD/bench.tsv"
exit "$rc"
