#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# selftests.sh build
#     Build tools/testing/selftests/mm of the base tree (a worktree at
#     build/base), statically linked, against the uapi headers of the
#     series kernel build (make headers_install), and pack them with
#     bash-static into build/initramfs-selftests.cpio.gz (the guest
#     initramfs with a second cpio archive appended).
# selftests.sh run NAME CATEGORIES [TAG]
#     Boot build/out/NAME in mode "selftests" with the comma-separated
#     CATEGORIES, parse every test's and sub-test's result, and compare
#     them with workbench/selftests.expected. TAG names the log.
#     ST_MODE=record writes the results into the expected file instead
#     (reasons from workbench/selftests.reasons): only for the base kernel.
. "$(dirname "$0")/lib.sh"

ST_OUT=$BUILD/selftests-mm
ST_HDR=$BUILD/selftests-hdr
ST_INITRD=$BUILD/initramfs-selftests.cpio.gz
EXPECTED=${ST_EXPECTED:-$WB_TOP/workbench/selftests.expected}

build() {
	local kout=$BUILD/out/${ST_HDR_FROM:-qemu} wt src log=$LOGS/selftests-build.log
	[ -f "$kout/.config" ] || die "no configured kernel build at $kout (run 'make build')"
	for lib in libnuma.a libcap.a liburing.a; do
		[ -f "/usr/lib/x86_64-linux-gnu/$lib" ] ||
			die "static $lib is missing (run 'make deps')"
	done
	[ -x /bin/bash-static ] || die "bash-static is missing (run 'make deps')"
	wt=$(base_worktree)
	src=$wt/tools/testing/selftests/mm
	note "headers_install from $kout"
	rm -rf "$ST_HDR"
	make -s -C "$KTREE" O="$kout" ARCH=x86_64 headers_install \
		INSTALL_HDR_PATH="$ST_HDR" >"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; die "headers_install failed (log: $log)"; }
	rm -rf "$ST_OUT"
	mkdir -p "$ST_OUT"
	note "building $src (static) into $ST_OUT"
	# The 6.12.y backport of khugepaged.c uses KSFT_SKIP without
	# including kselftest.h, so it does not compile as shipped: define
	# the constant (its kselftest value) for that one program.
	local mk=(make -C "$src" OUTPUT="$ST_OUT" KHDR_INCLUDES="-isystem $ST_HDR/include"
		LDFLAGS=-static)
	"${mk[@]}" -k -j"$JOBS" >>"$log" 2>&1 || true
	"${mk[@]}" EXTRA_CFLAGS=-DKSFT_SKIP=4 "$ST_OUT/khugepaged" >>"$log" 2>&1 || true
	"${mk[@]}" >>"$log" 2>&1 ||
		{ grep -E 'error' "$log" | head -n 20 >&2; die "building the mm selftests failed (log: $log)"; }
	cp "$src"/*.sh "$src/settings" "$ST_OUT/"
	install -m 755 "$WB_TOP/guest/thp_quick.sh" "$WB_TOP/guest/uffd_events.sh" "$ST_OUT/"
	local n
	n=$(find "$ST_OUT" -maxdepth 1 -type f -executable ! -name '*.sh' | wc -l)
	note "built $n test programs"

	# Second cpio archive: /selftests/mm and /bin/bash.
	local stage=$BUILD/initramfs-st
	rm -rf "$stage"
	mkdir -p "$stage/selftests" "$stage/bin"
	cp -a "$ST_OUT" "$stage/selftests/mm"
	cp /bin/bash-static "$stage/bin/bash"
	# pgrep -f and killall --wait, which busybox-static lacks.
	mkdir -p "$stage/selftests/bin"
	install -m 755 "$WB_TOP/guest/pgrep" "$WB_TOP/guest/killall" "$stage/selftests/bin/"
	# The kernel config, gzipped like /proc/config.gz (busybox gzip cannot
	# pass plain text through), for va_high_addr_switch.sh.
	mkdir -p "$stage/boot"
	gzip -n -c "$kout/.config" >"$stage/boot/config"
	[ -f "$BUILD/initramfs.cpio.gz" ] || bash "$WB_TOP/workbench/initramfs.sh"
	{
		cat "$BUILD/initramfs.cpio.gz"
		(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
			cpio --null -o -H newc --quiet --reproducible) | gzip -n -6
	} >"$ST_INITRD.tmp"
	mv "$ST_INITRD.tmp" "$ST_INITRD"
	note "selftests initramfs: $ST_INITRD ($(stat -c %s "$ST_INITRD") bytes)"
}

run() {
	local name=${1:?usage: selftests.sh run NAME CATEGORIES [TAG]} cats=${2:?categories}
	local tag=${3:-selftests} rc=0
	[ -f "$ST_INITRD" ] || die "no selftests initramfs (run 'make selftests-build')"
	# -smp 3: migration.c wants two threads besides its own. hugepages=
	# at boot: run_vmtests.sh resets the pool to its value at start after
	# the userfaultfd tests, so a pool it reserved itself would be gone
	# for every later category.
	BOOT_INITRD=$ST_INITRD BOOT_TAG=$tag BOOT_MEM=${BOOT_MEM:-3G} BOOT_SMP=${BOOT_SMP:-3} \
		BOOT_TIMEOUT=$ST_TIMEOUT \
		BOOT_APPEND="wb.cats=$cats hugepages=128 ${BOOT_APPEND:-}" \
		bash "$WB_TOP/workbench/boot.sh" "$name" selftests || rc=1
	python3 "$WB_TOP/workbench/ksft.py" "${ST_MODE:-compare}" "$LOGS/boot-$name-$tag.log.ttyS1" "$EXPECTED" \
		--categories "$cats" --results "$BUILD/selftests-$name-$tag.tsv" \
		--reasons "$WB_TOP/workbench/selftests.reasons" \
		--rows "$BUILD/selftests-$name-$tag.rows" || rc=1
	return "$rc"
}

case "${1:-}" in
build) build ;;
run) shift; run "$@" ;;
*) die "usage: selftests.sh build | run NAME CATEGORIES [TAG]" ;;
esac
