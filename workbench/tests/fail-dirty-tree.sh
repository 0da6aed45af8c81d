#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A dirty kernel work tree stops the run, and nothing in it is touched.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/synth.sh"

echo 'my uncommitted work' >>"$KTREE/mm/memory.c"
echo 'new file' >"$KTREE/mm/mine.c"
before=$(cd "$KTREE" && sha256sum mm/memory.c mm/mine.c)
head_before=$(git -C "$KTREE" rev-parse HEAD)
wb apply.sh
expect '[ "$rc" -ne 0 ]' "apply refuses to run"
expect 'grep -q "has local changes" "$SYN/out" && grep -q "mm/memory.c" "$SYN/out" && grep -q "mm/mine.c" "$SYN/out"' "the message names the changed files"
expect '[ "$(cd "$KTREE" && sha256sum mm/memory.c mm/mine.c)" = "$before" ]' "the changes are untouched"
expect '[ "$(git -C "$KTREE" rev-parse HEAD)" = "$head_before" ]' "HEAD did not move"
wb distclean.sh
expect '[ "$rc" -ne 0 ] && [ -f "$KTREE/mm/mine.c" ]' "distclean refuses too"
