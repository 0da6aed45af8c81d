# SPDX-License-Identifier: GPL-2.0
# ptdesc-first workbench. 'make help' lists the targets.

SHELL := /bin/bash
W := workbench
export LINUX_SRC

.PHONY: all help deps prepare apply build initramfs boot shell summary \
	export regen noop pagesize-report units-check ptdesc-audit check check-all efi clean distclean \
	selftests-build selftests selftests-base selftests-baseline faultinject lockdep kunit kasan bench repro

all: ## deps, base, series, build, boot in QEMU, summary
	@$(W)/main.sh

help: ## this list, and the settings (VAR=value) with their defaults
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{ printf "  make %-18s %s\n", $$1, $$2 }'
	@echo; echo 'Settings (make TARGET VAR=value; defined in $(W)/settings.sh):'
	@sed -n 's/^: "$${\([A-Z_]*\):\{0,1\}=\(.*\)}"\t*#: \(.*\)/  \1=\2\t\3/p' $(W)/settings.sh | \
		awk -F'\t' '{ printf "  %-26s %s\n", $$1, $$2 }'

deps: ## install missing Debian packages (apt-get)
	@$(W)/deps.sh

prepare: ## extract the base kernel into build/linux (a git tree)
	@$(W)/prepare-base.sh

apply: prepare ## git am patches/ onto the base (branch ptdesc-first)
	@$(W)/apply.sh

build: apply ## build the QEMU kernel (build/out/qemu)
	@$(W)/runs.sh build

initramfs: ## build the guest initramfs
	@$(W)/runs.sh initramfs

boot: ## boot the built kernel and run the smoke workload
	@$(W)/runs.sh boot

shell: ## boot the built kernel to a shell (with the mm selftests once built)
	@$(W)/initramfs.sh && \
	if [ -f build/initramfs-selftests.cpio.gz ]; then \
		BOOT_INITRD=build/initramfs-selftests.cpio.gz BOOT_MEM=3G $(W)/boot.sh qemu shell; \
	else $(W)/boot.sh qemu shell; fi

selftests-build: ## build tools/testing/selftests/mm (static) into the guest initramfs
	@$(W)/runs.sh selftests-build

selftests: ## run the mm selftests (CATS, or the 'check' set) on the series kernel
	@$(W)/runs.sh selftests

selftests-base: ## run CATS (or every category) on the base kernel, compared with the baseline
	@$(W)/runs.sh selftests-base

selftests-baseline: ## record CATS (or every category) on the base kernel into workbench/selftests.expected
	@$(W)/runs.sh selftests-baseline

faultinject: ## boot the series kernel with page-table allocation failures
	@$(W)/runs.sh faultinject

lockdep: ## build and boot the packed lockdep kernel (-smp 4): smoke, fault injection, KUnit suites, selftests
	@$(W)/runs.sh lockdep lockdep-faultinject lockdep-kunit selftests-build lockdep-selftests
kunit: ## the slab and packed-table KUnit suites on the lockdep kernel (kmemleak too)
	@$(W)/runs.sh lockdep-kunit

kasan: ## build and boot the KASAN kernel: smoke and fault injection
	@$(W)/runs.sh kasan

efi: ## build the UEFI kernel and boot it through OVMF (smoke)
	@$(W)/runs.sh efi

bench: apply ## page-table benchmarks, base kernel against the series (BENCH_* settings)
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

units-check: apply ## counts passed in the wrong unit (pages vs PTEs), with the self-test
	@$(W)/units-check.sh

ptdesc-audit: apply ## page-table metadata still reached through struct page
	@python3 $(W)/ptdesc-audit.py --tree $(or $(LINUX_SRC),build/linux) --rev ptdesc-first

repro: build ## build the QEMU kernel again without ccache: vmlinux must be byte-identical
	@$(W)/runs.sh repro

check: ## the test suite (what CI runs)
	@$(W)/check.sh

check-all: ## check plus the heavy runs
	@$(W)/check.sh --all

clean: ## remove build outputs (keeps the kernel tree)
	rm -rf build/out build/initramfs build/initramfs.cpio.gz build/logs build/regen \
		build/initramfs-st build/initramfs-selftests.cpio.gz build/selftests-mm build/selftests-hdr

distclean: ## remove build/ entirely, unless the kernel tree has unsaved work
	@$(W)/distclean.sh
