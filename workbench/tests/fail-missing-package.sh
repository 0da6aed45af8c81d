#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A missing base package, or any missing package, gives a clear message
# and creates nothing.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/synth.sh"

rm -rf "$KTREE"
WB_SOURCE_TARBALL=$SYN/no/linux-source-6.12.tar.xz wb prepare-base.sh
expect '[ "$rc" -ne 0 ]' "prepare fails without the base tarball"
expect 'grep -q "apt-get install linux-source-6.12" "$SYN/out"' "the message says which package to install"
expect '[ ! -e "$KTREE" ] && [ ! -e "$KTREE.tmp" ]' "no half-made kernel tree is left"

WB_DEPS_EXTRA=wb-no-such-package WB_NO_INSTALL=1 wb deps.sh
expect '[ "$rc" -ne 0 ]' "deps fails when a package is missing"
expect 'grep -q "missing packages: wb-no-such-package" "$SYN/out"' "the message names the missing package"
expect 'grep -q "apt-get install --no-install-recommends wb-no-such-package" "$SYN/out"' "and the command that installs it"

# The base is the recorded package version: another installed version
# is reported, and the install command pins the recorded one.
printf 'base-package: %s 0.0-wb-test\n' "$WB_BASE_PKG" >"$PATCHES/0000-cover-letter.patch"
WB_NO_INSTALL=1 wb deps.sh
expect '[ "$rc" -ne 0 ]' "deps fails when the recorded base version is not installed"
expect 'grep -q "the recorded base is 0.0-wb-test" "$SYN/out"' "the message names the recorded version"
expect 'grep -q "apt-get install --no-install-recommends.* $WB_BASE_PKG=0.0-wb-test" "$SYN/out"' "and the command installs exactly that version"
LINUX_SRC=$KTREE WB_NO_INSTALL=1 wb deps.sh
expect '[ "$rc" -eq 0 ]' "with LINUX_SRC, any installed version of the package will do"
rm -f "$PATCHES/0000-cover-letter.patch"
