#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cross.sh ARCH: build the final series tree for arm64 or powerpc64le, or
# for x86_64 as a Xen PV guest (xen-pv: code the QEMU config does not
# compile, such as Xen's page-table pinning).
. "$(dirname "$0")/../lib.sh"

cfg=cross-${1:-}.config
case "${1:-}" in
arm64) pkg=gcc-aarch64-linux-gnu; export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- ;;
powerpc64le) pkg=gcc-powerpc64le-linux-gnu; export ARCH=powerpc CROSS_COMPILE=powerpc64le-linux-gnu- ;;
xen-pv) pkg="" cfg=xen-pv.config ;;
*) die "usage: cross.sh arm64|powerpc64le|xen-pv" ;;
esac
[ -z "$pkg" ] || WB_DEPS_EXTRA=$pkg bash "$WB_TOP/workbench/deps.sh"
WB_TARGET=vmlinux bash "$WB_TOP/workbench/build.sh" "cross-$1" "$KTREE" "$WB_TOP/configs/$cfg"
