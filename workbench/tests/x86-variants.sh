#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# x86-variants: the x86 and core files that the series' table allocation
# and pgtable_t changes touch also build (WERROR) where page-table levels
# are folded at build time, which the QEMU config (x86_64, 5-level) does
# not: 32-bit x86 with 2 levels (i386_defconfig), 32-bit with PAE, PTI
# and THP (3 levels), and x86_64 with 4 levels, EFI and THP. Only the
# objects below are built, so each variant takes a minute or two. The
# 32-bit builds also compile the files only 32-bit kernels build that
# the page-size conversions touch (init_32.c, numa_32.c, physaddr.c,
# machine_kexec_32.c, the AMD K6, Centaur and Cyrix MTRR drivers, and the
# K6 setup of cpu/amd.c), and every variant the users of the page-table
# sizes (PXX_TABLE_SIZE), whose folded levels differ.
. "$(dirname "$0")/../lib.sh"

core="arch/x86/mm/pat/set_memory.o arch/x86/mm/pgtable.o arch/x86/mm/init.o mm/pgtable-generic.o mm/memory.o"
core+=" mm/percpu.o arch/x86/mm/ioremap.o"
x86_32="arch/x86/mm/init_32.o arch/x86/kernel/machine_kexec_32.o arch/x86/kernel/cpu/mtrr/amd.o"
x86_32+=" arch/x86/kernel/cpu/mtrr/centaur.o arch/x86/kernel/cpu/mtrr/cyrix.o"
x86_32+=" arch/x86/kernel/cpu/mtrr/generic.o arch/x86/kernel/cpu/mtrr/if.o arch/x86/mm/numa_32.o arch/x86/mm/physaddr.o"
x86_32+=" arch/x86/kernel/cpu/amd.o"
bad=0
run() { # NAME ARCH OBJECTS FRAGMENT
	local t0
	t0=$(now)
	if ARCH=$2 WB_BASECONFIG=defconfig WB_TARGET="$3" \
		bash "$WB_TOP/workbench/build.sh" "var-$1" "$KTREE" "$4" >/dev/null; then
		printf 'ok    %4ss  %s: %s\n' "$(elapsed "$t0")" "$1" "$3"
	else
		printf 'FAIL  %4ss  %s (log: %s)\n' "$(elapsed "$t0")" "$1" "$LOGS/build-var-$1.log"
		bad=1
	fi
}
run x86-32 i386 "$core $x86_32" "$WB_TOP/configs/werror.config"
run x86-32-pae i386 "$core $x86_32 arch/x86/mm/pti.o mm/huge_memory.o" "$WB_TOP/configs/x86-32-pae.config"
run x86-64-4level x86_64 "$core arch/x86/mm/init_64.o arch/x86/mm/pti.o mm/huge_memory.o arch/x86/platform/efi/efi_64.o \
mm/sparse-vmemmap.o" \
	"$WB_TOP/configs/x86-64-4level.config"
exit $bad
