#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cross.sh ARCH: build the final series tree for arm64 (4K or 64K pages),
# powerpc64le or s390x, or for x86_64 as a Xen PV guest (xen-pv: code the
# QEMU config does not compile, such as Xen's page-table pinning).
. "$(dirname "$0")/../lib.sh"

cfgs=("$WB_TOP/configs/cross-${1:-}.config")
case "${1:-}" in
arm64) pkg=gcc-aarch64-linux-gnu; export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- ;;
arm64-64k) pkg=gcc-aarch64-linux-gnu; export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
	cfgs=("$WB_TOP/configs/cross-arm64.config" "$WB_TOP/configs/cross-arm64-64k.config") ;;
s390x) pkg=gcc-s390x-linux-gnu; export ARCH=s390 CROSS_COMPILE=s390x-linux-gnu- ;;
powerpc64le) pkg=gcc-powerpc64le-linux-gnu; export ARCH=powerpc CROSS_COMPILE=powerpc64le-linux-gnu- ;;
xen-pv) pkg="" cfgs=("$WB_TOP/configs/xen-pv.config") ;;
*) die "usage: cross.sh arm64|arm64-64k|powerpc64le|s390x|xen-pv" ;;
esac
[ -z "$pkg" ] || WB_DEPS_EXTRA=$pkg bash "$WB_TOP/workbench/deps.sh"
WB_TARGET=vmlinux bash "$WB_TOP/workbench/build.sh" "cross-$1" "$KTREE" "${cfgs[@]}"
