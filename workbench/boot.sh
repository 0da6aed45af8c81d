#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# boot.sh NAME [MODE]: boot build/out/NAME in QEMU (TCG) with the project's
# initramfs and run the guest workload (MODE: smoke, selftests,
# faultinject, bench, shell or hang). Fails on a timeout, a missing end marker,
# a failed test, a page-table accounting error, or any kernel warning,
# oops, BUG, lockdep/KASAN/page-table-check report in the log (see
# workbench/bootcheck.py). The guest's second serial port (ttyS1) goes to
# LOG.ttyS1: the selftests write their TAP there, away from printk.
# BOOT_SMP, BOOT_MEM, BOOT_TIMEOUT, BOOT_APPEND, BOOT_INITRD, BOOT_TAG, BOOT_ICOUNT;
# BOOT_FIRMWARE=ovmf boots through UEFI (Debian's ovmf package) instead of
# SeaBIOS, so that the kernel sets up EFI runtime services.
# BOOT_DIMM=SIZE plugs a pc-dimm of SIZE in at start-up: the kernel adds it
# through ACPI after boot (online_movable), and the guest removes it again
# (offline, ACPI eject); the log must then show both (bootcheck.py).
. "$(dirname "$0")/lib.sh"

name=${1:?usage: boot.sh NAME [MODE]}
mode=${2:-smoke}
out=$BUILD/out/$name
kernel=$out/arch/x86/boot/bzImage
initrd=${BOOT_INITRD:-$BUILD/initramfs.cpio.gz}
log=$LOGS/boot-$name${BOOT_TAG:+-$BOOT_TAG}.log
timeout=$BOOT_TIMEOUT
smp=${BOOT_SMP:-2}
mem=${BOOT_MEM:-1G}

[ -f "$kernel" ] || die "no kernel at $kernel (run 'make build')"
[ -f "$initrd" ] || die "no initramfs at $initrd (run 'make initramfs')"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing (run 'make deps')"

# Stall and lockup detectors, set for an emulated guest whose vCPUs (up
# to 4) outnumber the host's 2 cores: the thresholds syzkaller uses for
# its QEMU guests (RCU stall 100 s, soft lockup 110 s, hung task 140 s;
# the defaults are 21, 20 and 120 s). They still report a real stall,
# and a guest that hangs for good fails on BOOT_TIMEOUT.
detect="rcupdate.rcu_cpu_stall_timeout=100 watchdog_thresh=55 sysctl.kernel.hung_task_timeout_secs=140"
memarg=$mem dimm=
if [ -n "${BOOT_DIMM:-}" ]; then
	# The guest finds the DIMM's memory blocks as those above 4G, so all
	# of its RAM must sit below: -machine pc keeps up to 2G there whole.
	case "$mem" in
	[1-9][0-9]*M | [12]G) ;;
	*) die "BOOT_DIMM needs BOOT_MEM of at most 2G (got $mem): the guest tells the DIMM's memory from RAM by its address above 4G" ;;
	esac
	memarg="$mem,slots=2,maxmem=8G"
	dimm="memhp_default_state=online_movable wb.dimm=$BOOT_DIMM"
fi
# BOOT_CPU: the QEMU CPU model (default max).
qemu=(qemu-system-x86_64 -machine pc -cpu "${BOOT_CPU:-max}" -smp "$smp" -m "$memarg"
	-kernel "$kernel" -initrd "$initrd" -no-reboot -display none
	-append "console=ttyS0 panic=-1 pti=on numa=fake=2 $detect wb.mode=$mode $dimm ${BOOT_APPEND:-}")
# BOOT_ICOUNT=N: guest time follows the instruction count (2^N ns per
# instruction, no warp while idle is skipped with sleep=off), so that a
# timed guest figure does not follow the host's load. QEMU then runs the
# vCPUs in one thread (no MTTCG).
[ -z "${BOOT_ICOUNT:-}" ] || qemu+=(-icount "shift=$BOOT_ICOUNT,sleep=off")
if [ -n "${BOOT_DIMM:-}" ]; then
	qemu+=(-object "memory-backend-ram,id=hp0,size=$BOOT_DIMM"
		-device pc-dimm,id=dimm0,memdev=hp0)
fi
case "${BOOT_FIRMWARE:-}" in
"") ;;
ovmf)
	code=/usr/share/OVMF/OVMF_CODE_4M.fd
	[ -f "$code" ] || die "no UEFI firmware at $code (apt-get install ovmf)"
	vars=$out/OVMF_VARS_4M.fd
	cp /usr/share/OVMF/OVMF_VARS_4M.fd "$vars"
	qemu+=(-drive "if=pflash,format=raw,unit=0,readonly=on,file=$code"
		-drive "if=pflash,format=raw,unit=1,file=$vars")
	;;
*) die "BOOT_FIRMWARE: unknown firmware '$BOOT_FIRMWARE' (known: ovmf)" ;;
esac

# One guest at a time on this machine, from any checkout: two TCG guests
# on 2 cores run at half speed each, and a guest with a timeout then fails
# for want of CPU (selftests-base while another check-all booted guests).
# The lock is held on fd 9, which QEMU inherits, until the guest ends; the
# guest's timeout counts from when it holds the lock.
if [ -n "$GUEST_LOCK" ]; then
	exec 9>>"$GUEST_LOCK" || die "cannot open the guest lock $GUEST_LOCK"
	if ! flock -n 9; then
		note "waiting for another guest to end before booting $name: $(cat "$GUEST_LOCK.owner" 2>/dev/null || echo 'owner unknown') (lock $GUEST_LOCK, at most ${GUEST_LOCK_WAIT}s)"
		t_lock=$(now)
		flock -w "$GUEST_LOCK_WAIT" 9 ||
			die "another guest held $GUEST_LOCK for ${GUEST_LOCK_WAIT}s; $name was not booted (GUEST_LOCK_WAIT sets the wait, GUEST_LOCK= turns the lock off)"
		note "waited $(elapsed "$t_lock")s for the other guest"
	fi
	echo "guest $name ($mode) of $WB_TOP, boot.sh pid $$, since $(date -u +%T)" >"$GUEST_LOCK.owner"
fi

if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -nographic -serial mon:stdio
fi

note "booting $name (mode $mode, -smp $smp, -m $mem, timeout ${timeout}s; log: $log)"
set +e
rm -f "$log.ttyS1"
timeout --kill-after=10 "$timeout" "${qemu[@]}" -serial stdio -serial "file:$log.ttyS1" \
	-monitor none </dev/null |
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

[ "$mode" = hang ] && exit "$status"
envf=$BUILD/boot-$name${BOOT_TAG:+-$BOOT_TAG}.env
# With packed page tables the guest also reports the pgtable-4k objects.
BOOT_PT_PACK=$(grep -c '^CONFIG_PT_PACK=y$' "$out/.config" || true)
export BOOT_PT_PACK
python3 "$WB_TOP/workbench/bootcheck.py" "$log" "$mode" "$smp" "$envf" \
	"$LOGS/boot-$name${BOOT_TAG:+-$BOOT_TAG}.tap" || status=1
echo "status=$status" >>"$envf"
. "$envf"
note "guest ($mode): ${pass:+$pass passed, $fail failed, }$cpus CPUs, PageTables ${before_PageTables:-?} -> ${after_PageTables:-?} kB, memcg pagetables ${memcg_before:-?} -> ${memcg_during:-?} (holding ${memcg_hold_tables:-?} tables, read after ${memcg_waited:-?} s) -> ${memcg_after:-?} B${ptslab_before:+, pgtable-4k objects $ptslab_before -> $ptslab_during -> $ptslab_after}${hotplug_blocks:+, hot-removed a DIMM of $hotplug_blocks memory blocks (MemTotal $hotplug_memtotal_before -> $hotplug_memtotal_after kB)}$( [ "$status" -eq 0 ] && echo ', console clean')"
exit "$status"
