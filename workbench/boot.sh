#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# boot.sh NAME [MODE]: boot build/out/NAME in QEMU (TCG) with the project's
# initramfs and run the guest workload (MODE: smoke, shell or hang).
# Fails on a failed test, a missing end marker, a timeout, or any kernel
# warning, oops, BUG, lockdep/KASAN/page-table-check report in the log.
. "$(dirname "$0")/lib.sh"

name=${1:?usage: boot.sh NAME [MODE]}
mode=${2:-smoke}
out=$BUILD/out/$name
kernel=$out/arch/x86/boot/bzImage
initrd=$BUILD/initramfs.cpio.gz
log=$LOGS/boot-$name${BOOT_TAG:+-$BOOT_TAG}.log
timeout=${BOOT_TIMEOUT:-300}
smp=${BOOT_SMP:-2}
mem=${BOOT_MEM:-1G}

[ -f "$kernel" ] || die "no kernel at $kernel (run 'make build')"
[ -f "$initrd" ] || die "no initramfs at $initrd (run 'make initramfs')"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing (run 'make deps')"

qemu=(qemu-system-x86_64 -machine pc -cpu max -smp "$smp" -m "$mem"
	-kernel "$kernel" -initrd "$initrd" -no-reboot -display none
	-append "console=ttyS0 panic=-1 pti=on hung_task_timeout_secs=60 wb.mode=$mode ${BOOT_APPEND:-}")

if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -nographic -serial mon:stdio
fi

note "booting $name (mode $mode, -smp $smp, -m $mem, timeout ${timeout}s; log: $log)"
set +e
timeout --kill-after=10 "$timeout" "${qemu[@]}" -serial stdio -monitor none </dev/null |
	tr -d '\r' >"$log"
rc=${PIPESTATUS[0]}
set -e

status=0
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	note "FAIL: the guest did not finish within ${timeout}s and was killed. Last lines:"
	tail -n 15 "$log" | sed 's/^/    /' >&2
	status=1
elif [ "$rc" -ne 0 ]; then
	note "FAIL: qemu exited with status $rc"
	tail -n 15 "$log" | sed 's/^/    /' >&2
	status=1
fi

# Kernel reports that fail a boot even when userspace passed.
bad_re='BUG:|WARNING:|Oops|Kernel panic|kernel BUG at|general protection fault|Call Trace:|page_table_check|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|KASAN:|UBSAN:|blocked for more than|soft lockup|hard LOCKUP|rcu_.* detected stall|Bad page|BUG kmalloc|Unable to handle'
if grep -En "$bad_re" "$log" >"$log.bad"; then
	note "FAIL: the kernel reported problems:"
	head -n 20 "$log.bad" | sed 's/^/    /' >&2
	status=1
fi
rm -f "$log.bad"

[ "$mode" = smoke ] || exit "$status"

# Parse the TAP results and the meminfo lines.
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | head -n 1)
pass=$(grep -cE '^ok [0-9]+ ' "$log" || true)
fail=$(grep -cE '^not ok [0-9]+ ' "$log" || true)
grep -E '^(not )?ok [0-9]+ ' "$log" >"$LOGS/boot-$name.tap" || true
if ! grep -q '^WB-END rc=' "$log"; then
	[ "$status" -ne 0 ] || note "FAIL: the guest never reached the end of its workload"
	status=1
fi
if [ -z "$plan" ] || [ $((pass + fail)) -ne "$plan" ]; then
	note "FAIL: TAP plan ${plan:-missing}, but $((pass + fail)) results"
	status=1
fi
# The guest must see every CPU it was given, or the SMP paths (split
# ptlocks under contention, TLB shootdown IPIs) are not being exercised.
cpus=$(sed -n 's/^WB-INFO cpus=\([0-9]*\).*/\1/p' "$log" | head -n 1)
if [ "${cpus:-0}" -ne "$smp" ]; then
	note "FAIL: the guest saw ${cpus:-no} CPU(s), but qemu was given -smp $smp"
	status=1
fi
if [ "$fail" -ne 0 ]; then
	note "FAIL: $fail guest test(s) failed:"
	grep -E '^not ok ' "$log" | sed 's/^/    /' >&2
	status=1
fi
{
	echo "pass=$pass"
	echo "fail=$fail"
	echo "cpus=${cpus:-0}"
	grep '^WB-MEMINFO ' "$log" | while read -r _ when rest; do
		for kv in $rest; do
			echo "${when}_${kv%%:*}=${kv#*:}"
		done
	done
	echo "status=$status"
} >"$BUILD/boot-$name.env"
note "guest: $pass passed, $fail failed$( [ "$status" -eq 0 ] && echo ', console clean')"
exit "$status"
