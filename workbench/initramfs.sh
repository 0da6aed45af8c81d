#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build build/initramfs.cpio.gz: busybox-static, guest/init and the
# project's statically linked guest test programs.
. "$(dirname "$0")/lib.sh"

busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || die "busybox is missing at $busybox (apt-get install busybox-static)"
! ldd "$busybox" >/dev/null 2>&1 ||
	die "$busybox is dynamically linked; the guest needs busybox-static"

stage=$BUILD/initramfs
out=$BUILD/initramfs.cpio.gz
rm -rf "$stage"
mkdir -p "$stage"/{bin,proc,sys,dev,tmp,root,etc}
cp "$busybox" "$stage/bin/busybox"
install -m 755 "$WB_TOP/guest/init" "$stage/init"
install -m 644 "$WB_TOP/guest/profile" "$stage/etc/profile"
for src in "$WB_TOP"/guest/*.c; do
	bin=$stage/bin/$(basename "$src" .c)
	gcc -O2 -Wall -Wextra -Werror -static -o "$bin" "$src" ||
		die "compiling $src failed"
done
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --quiet --reproducible) | gzip -n -9 >"$out.tmp"
mv "$out.tmp" "$out"
note "initramfs: $out ($(stat -c %s "$out") bytes)"
