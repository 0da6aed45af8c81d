#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# runs.sh RUN...: the named builds and guest runs, each written once here;
# the Makefile's targets and workbench/check.sh both call them. RUN is one
# of the names below (run without one for the list).
. "$(dirname "$0")/lib.sh"

W=$WB_TOP/workbench
C=$WB_TOP/configs

# The selftest categories of a set in workbench/selftests.categories.
cats() {
	local set list=
	for set in "$@"; do
		list+=${list:+,}$(awk -F': *' -v s="$set" '$1 == s { print $2 }' "$W/selftests.categories")
	done
	[ -n "$list" ] || die "no selftest category set '$*' in $W/selftests.categories"
	echo "$list"
}

# The debug (QEMU) kernel of the series and its smoke boot.
r_build() { bash "$W/build.sh" qemu; }
r_initramfs() { bash "$W/initramfs.sh"; }
r_boot() { r_initramfs && bash "$W/boot.sh" qemu; }
# The same kernel, built a second time without ccache into another folder:
# the build is reproducible (vmlinux byte-identical).
r_repro() {
	WB_NO_CCACHE=1 bash "$W/build.sh" qemu-repro
	cmp "$BUILD/out/qemu/vmlinux" "$BUILD/out/qemu-repro/vmlinux"
	echo "vmlinux identical: $(sha256sum <"$BUILD/out/qemu/vmlinux" | cut -c1-16)"
}
# The unmodified base with the same config: the kernel of the selftest
# baseline, and side a of the first no-op run (workbench/noop.sh builds
# it under this name, so either one reuses the other).
r_base_build() { bash "$W/build.sh" base-qemu "$(base_worktree)"; }

# Page-table allocations fail in every phase (guest/init, bootcheck.py).
r_faultinject() { r_initramfs && BOOT_TAG=fi BOOT_MEM=2G bash "$W/boot.sh" qemu faultinject; }

# mm selftests: CATS, or the named sets of workbench/selftests.categories.
r_selftests_build() { r_initramfs && bash "$W/selftests.sh" build; }
r_selftests() { bash "$W/selftests.sh" run qemu "${CATS:-$(cats check)}" check; }
r_selftests_slow() { bash "$W/selftests.sh" run qemu "${CATS:-$(cats slow)}" slow; }
r_selftests_base() { r_base_build && bash "$W/selftests.sh" run base-qemu "${CATS:-$(cats check slow)}" base; }
r_selftests_baseline() {
	r_base_build && ST_MODE=record bash "$W/selftests.sh" run base-qemu "${CATS:-$(cats check slow)}" base
}

# lockdep at -smp 4: the smoke boot also hot-adds and hot-removes a 256M
# DIMM. It is the kernel with packed page tables (configs/pt-pack.config):
# tables come from the slab caches pgtable-4k and pgtable-8k, so failslab
# hits them in the fault-injection boot (also through the caches' own
# filter), and the hot-remove frees packed, boot and vmemmap tables. The
# same kernel carries KUnit, the slab suite and the packed-table suite
# (configs/kunit.config, configs/pt-pack.config).
r_lockdep_build() {
	bash "$W/build.sh" lockdep "$KTREE" "$C/qemu.config" "$C/lockdep.config" "$C/kunit.config" \
		"$C/pt-pack.config"
}
r_lockdep() {
	r_lockdep_build && r_initramfs &&
		BOOT_SMP=4 BOOT_TAG=smoke BOOT_DIMM=256M bash "$W/boot.sh" lockdep smoke
}
r_lockdep_faultinject() {
	BOOT_SMP=4 BOOT_TAG=fi BOOT_MEM=2G bash "$W/boot.sh" lockdep faultinject
}
# The mm selftests of make check on the packed lockdep kernel, compared
# with the same baseline (workbench/selftests.expected). Its memory
# hot-remove selects MEMORY_ISOLATION, hence CONTIG_ALLOC, and x86 then
# registers a 1 GiB hugetlb size: gup_longterm would run 27 variants with
# it (skipped, no free 1 GiB page) that the baseline, recorded on the
# debug config, does not have. A CPU without 1 GiB pages (pdpe1gb=off)
# leaves that size out, as on the debug kernel; the direct map is 4K
# either way (DEBUG_PAGEALLOC).
r_lockdep_selftests() {
	BOOT_CPU=max,pdpe1gb=off bash "$W/selftests.sh" run lockdep "${CATS:-$(cats check)}" check
}
# check-all: the lockdep kernel without packed page tables, where struct
# ptdesc overlays struct page. spinlock_t does not fit in it with lockdep,
# so ptlocks come from slab (ptlock_alloc()), and failslab:__pte_alloc
# must hit them; smoke with the DIMM hot-remove, and fault injection.
r_lockdep_overlay() {
	bash "$W/build.sh" lockdep-overlay "$KTREE" "$C/qemu.config" "$C/lockdep.config" && r_initramfs &&
		BOOT_SMP=4 BOOT_TAG=smoke BOOT_DIMM=256M bash "$W/boot.sh" lockdep-overlay smoke &&
		FI_MUST_HIT=failslab:__pte_alloc BOOT_SMP=4 BOOT_TAG=fi BOOT_MEM=2G \
			bash "$W/boot.sh" lockdep-overlay faultinject
}

# The KUnit suites on the lockdep kernel, the one boot of it with
# kunit.enable=1 (configs/kunit.config): the slab suite (lib/slub_kunit.c)
# at boot without a memory cgroup and again with one, the packed-table
# suite (mm/pgtable_pack_kunit.c) at boot, kmemleak (guest/init "kunit",
# bootcheck.py).
r_lockdep_kunit() {
	r_lockdep_build && r_initramfs &&
		BOOT_SMP=2 BOOT_TAG=kunit BOOT_MEM=2G BOOT_APPEND=kunit.enable=1 bash "$W/boot.sh" lockdep kunit
}

# KASAN (generic, inline) with packed page tables: smoke and fault
# injection.
r_kasan() {
	bash "$W/build.sh" kasan "$KTREE" "$C/qemu.config" "$C/kasan.config" "$C/pt-pack.config" && r_initramfs &&
		BOOT_TAG=smoke BOOT_MEM=2G BOOT_TIMEOUT=900 bash "$W/boot.sh" kasan smoke &&
		BOOT_TAG=fi BOOT_MEM=2G BOOT_TIMEOUT=1800 bash "$W/boot.sh" kasan faultinject
}

# UEFI boot: the EFI page tables (efi_alloc_page_tables(), CPA's
# populate_pgd() for the runtime regions) are only built when the kernel
# boots through UEFI, which the SeaBIOS boots do not.
r_efi() {
	WB_DEPS_EXTRA=ovmf bash "$W/deps.sh"
	bash "$W/build.sh" efi "$KTREE" "$C/qemu.config" "$C/efi.config"
	r_initramfs
	BOOT_FIRMWARE=ovmf BOOT_TAG=smoke BOOT_TIMEOUT=900 BOOT_APPEND=efi=debug bash "$W/boot.sh" efi smoke
	local log=$LOGS/boot-efi-smoke.log
	grep -q '^efi: EFI v' "$log" || { echo "FAILED: the guest did not boot through UEFI ($log)"; return 1; }
	grep -q 'efi: Remove mem\|efi: mem[0-9]*: \[Runtime' "$log" ||
		{ echo "FAILED: no EFI runtime region in the memory map ($log)"; return 1; }
	! grep -q 'efi: .*[Ff]ailed\|EFI runtime services are not available\|Failed to allocate EFI page tables' "$log" ||
		{ echo "FAILED: EFI runtime setup failed ($log)"; grep -i 'efi.*fail' "$log"; return 1; }
	echo "ok: booted through UEFI with EFI runtime regions mapped ($(grep -c 'Runtime' "$log") runtime lines)"
}

[ $# -gt 0 ] || die "usage: runs.sh RUN... (runs: $(declare -F | sed -n 's/^declare -f r_//p' | tr _ - | tr '\n' ' '))"
for r in "$@"; do
	fn=r_${r//-/_}
	declare -F "$fn" >/dev/null || die "runs.sh: no run named '$r'"
	"$fn"
done
