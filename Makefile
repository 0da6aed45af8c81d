# SPDX-License-Identifier: GPL-2.0
# ptdesc-first workbench. 'make help' lists the targets.

SHELL := /bin/bash
W := workbench
export LINUX_SRC

.PHONY: all help deps prepare apply build initramfs boot shell summary \
	export regen noop pagesize-report ptdesc-audit check check-all efi clean distclean \
	selftests-build selftests selftests-base selftests-baseline faultinject lockdep kasan bench
CATS ?= mmap,mremap,mlock,madv_populate,mkdirty,cow,gup_test,thp_quick,pagemap,soft_dirty,userfaultfd,memfd_secret,process_mrelease

all: ## deps, base, series, build, boot in QEMU, summary
	@$(W)/main.sh

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{ printf "  make %-12s %s\n", $$1, $$2 }'

deps: ## install missing Debian packages (apt-get)
	@$(W)/deps.sh

prepare: ## extract the base kernel into build/linux (a git tree)
	@$(W)/prepare-base.sh

apply: prepare ## git am patches/ onto the base (branch ptdesc-first)
	@$(W)/apply.sh

build: apply ## build the QEMU kernel (build/out/qemu)
	@$(W)/build.sh qemu

initramfs: ## build the guest initramfs
	@$(W)/initramfs.sh

boot: ## boot the built kernel and run the smoke workload
	@$(W)/initramfs.sh && $(W)/boot.sh qemu

shell: ## boot the built kernel to a shell (with the mm selftests once built)
	@$(W)/initramfs.sh && \
	if [ -f build/initramfs-selftests.cpio.gz ]; then \
		BOOT_INITRD=build/initramfs-selftests.cpio.gz BOOT_MEM=3G $(W)/boot.sh qemu shell; \
	else $(W)/boot.sh qemu shell; fi

selftests-build: ## build tools/testing/selftests/mm (static) into the guest initramfs
	@$(W)/initramfs.sh && $(W)/selftests.sh build

selftests: ## run mm selftest categories CATS=a,b on the series kernel
	@$(W)/selftests.sh run qemu $(CATS) cats

selftests-base: ## run CATS on the base kernel and compare with the baseline
	@$(W)/build.sh base-qemu build/base && $(W)/selftests.sh run base-qemu $(CATS) base

selftests-baseline: ## record CATS on the base kernel into workbench/selftests.expected
	@$(W)/build.sh base-qemu build/base && ST_MODE=record $(W)/selftests.sh run base-qemu $(CATS) base

faultinject: ## boot the series kernel with page-table allocation failures
	@$(W)/initramfs.sh && BOOT_TAG=fi BOOT_MEM=2G $(W)/boot.sh qemu faultinject

lockdep: ## build and boot the lockdep kernel (-smp 4): smoke and fault injection
	@$(W)/build.sh lockdep build/linux configs/qemu.config configs/lockdep.config && \
	$(W)/initramfs.sh && BOOT_SMP=4 BOOT_TAG=smoke BOOT_DIMM=256M $(W)/boot.sh lockdep smoke && \
	FI_MUST_HIT=failslab:__pte_alloc BOOT_SMP=4 BOOT_TAG=fi BOOT_MEM=2G $(W)/boot.sh lockdep faultinject

kasan: ## build and boot the KASAN kernel: smoke and fault injection
	@$(W)/build.sh kasan build/linux configs/qemu.config configs/kasan.config && \
	$(W)/initramfs.sh && BOOT_TAG=smoke BOOT_MEM=2G BOOT_TIMEOUT=900 $(W)/boot.sh kasan smoke && \
	BOOT_TAG=fi BOOT_MEM=2G BOOT_TIMEOUT=1800 $(W)/boot.sh kasan faultinject

efi: ## build the UEFI kernel and boot it through OVMF (smoke)
	@WB_DEPS_EXTRA=ovmf $(W)/deps.sh && \
	$(W)/build.sh efi build/linux configs/qemu.config configs/efi.config && \
	$(W)/initramfs.sh && BOOT_FIRMWARE=ovmf BOOT_TAG=smoke BOOT_TIMEOUT=900 BOOT_APPEND=efi=debug $(W)/boot.sh efi smoke

bench: apply ## page-table benchmarks, base kernel against the series (BENCH_ROUNDS, BENCH_REPS)
	@$(W)/bench.sh

summary: ## print the summary of the last run
	@$(W)/summary.sh

export: ## turn the kernel tree's ptdesc-first branch into patches/
	@$(W)/export.sh

regen: prepare ## regenerate mechanical commits from their semantic patches
	@$(W)/regen.sh

noop: apply ## prove the mechanical commits change no generated code
	@$(W)/noop.sh

pagesize-report: apply ## remaining PAGE_SIZE/SHIFT/MASK uses, base vs series
	@$(W)/pagesize-report.sh

ptdesc-audit: apply ## page-table metadata still reached through struct page
	@python3 $(W)/ptdesc-audit.py --tree $(or $(LINUX_SRC),build/linux) --rev ptdesc-first

check: ## the test suite (what CI runs)
	@$(W)/check.sh

check-all: ## check plus the heavy runs
	@$(W)/check.sh --all

clean: ## remove build outputs (keeps the kernel tree)
	rm -rf build/out build/initramfs build/initramfs.cpio.gz build/logs build/regen \
		build/initramfs-st build/initramfs-selftests.cpio.gz build/selftests-mm build/selftests-hdr

distclean: ## remove build/ entirely, unless the kernel tree has unsaved work
	@$(W)/distclean.sh
