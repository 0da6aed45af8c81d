#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A patch that does not apply is named; the tree is left clean at the
# base, so that a fixed series applies with a plain re-run.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/synth.sh"

good=$(ls "$PATCHES"/0002-*.patch)
# Break the second patch: its context no longer matches.
sed -i 's/^ line 14$/ line fourteen/' "$good"
cp "$good" "$SYN/broken"
wb apply.sh
expect '[ "$rc" -ne 0 ]' "apply fails"
expect 'grep -q "0002-mm-second-change.patch does not apply" "$SYN/out"' "the message names the failing patch file"
expect '[ -z "$(git -C "$KTREE" status --porcelain)" ]' "the work tree is clean"
expect '[ ! -d "$KTREE/.git/rebase-apply" ]' "no git am is left in progress"
expect '[ "$(git -C "$KTREE" rev-parse HEAD)" = "$(git -C "$KTREE" rev-parse "$BASE_REF")" ]' "HEAD is back at the base"

# Fix the patch; a plain re-run recovers.
sed -i 's/^ line fourteen$/ line 14/' "$good"
wb apply.sh
expect '[ "$rc" -eq 0 ]' "re-running after the fix applies the series"
expect 'grep -q "^line fifteen$" "$KTREE/mm/memory.c" && grep -q "^line five$" "$KTREE/mm/memory.c"' "both changes are in the tree"
wb apply.sh
expect '[ "$rc" -eq 0 ] && grep -q "already applied" "$SYN/out"' "a third run reuses the applied series"
