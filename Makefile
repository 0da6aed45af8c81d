# SPDX-License-Identifier: GPL-2.0
# ptdesc-first workbench. 'make help' lists the targets.

SHELL := /bin/bash
W := workbench
export LINUX_SRC

.PHONY: all help deps prepare apply build initramfs boot shell summary \
	export regen noop pagesize-report ptdesc-audit check check-all clean distclean

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

shell: ## boot the built kernel to an interactive shell
	@$(W)/initramfs.sh && $(W)/boot.sh qemu shell

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
	rm -rf build/out build/initramfs build/initramfs.cpio.gz build/logs build/regen

distclean: ## remove build/ entirely, unless the kernel tree has unsaved work
	@$(W)/distclean.sh
