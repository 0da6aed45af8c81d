#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Commits a developer made on the series branch are never dropped: apply
# refuses until they are exported; after 'make export' the run reuses them.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/synth.sh"

wb apply.sh
expect '[ "$rc" -eq 0 ]' "the series applies"
(cd "$KTREE" && sed -i 's/^line 10$/line ten/' mm/memory.c && echo 'int x;' >mm/new.c && git add mm/new.c && git commit -q -am 'mm: developer change')
mine=$(git -C "$KTREE" rev-parse HEAD)
wb apply.sh
expect '[ "$rc" -ne 0 ] && grep -q "mm: developer change" "$SYN/out"' "apply refuses and names the commit"
expect '[ "$(git -C "$KTREE" rev-parse HEAD)" = "$mine" ]' "the commit is kept"
echo "6.12.0" >"$BUILD/base-kernelversion"; echo test >"$BUILD/base-package"
wb export.sh
expect '[ "$rc" -eq 0 ] && [ -f "$PATCHES/0003-mm-developer-change.patch" ]' "export writes it to patches/"
expect 'cmp -s "$KTREE/mm/new.c" "$KPATH_ROOT/mm/new.c"' "and the file it adds to the kernel-path folder"
wb apply.sh
expect '[ "$rc" -eq 0 ] && grep -q "already applied" "$SYN/out"' "the next run reuses the exported branch"
