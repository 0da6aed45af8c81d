#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The no-op comparator fails on a one-instruction difference and names
# the object and the function; it passes on identical builds.
. "$(dirname "$0")/../lib.sh"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/a/mm" "$t/b/mm"
src='int same(int x) { return x + 1; }
int walk(unsigned long a, unsigned long e) { int n = 0; for (; a < e; a += STEP) n++; return n; }'
printf '%s\n' "$src" | gcc -O2 -DSTEP=4096 -x c -c -o "$t/a/mm/walk.o" -
printf '%s\n' "$src" | gcc -O2 -DSTEP=4096 -x c -c -o "$t/b/mm/walk.o" -
cp "$t/a/mm/walk.o" "$t/a/vmlinux"; cp "$t/b/mm/walk.o" "$t/b/vmlinux"
python3 "$WB_TOP/workbench/objcmp.py" "$t/a" "$t/b" || { echo "FAILED: identical builds reported different"; exit 1; }
echo "ok: identical builds pass"

printf '%s\n' "$src" | gcc -O2 -DSTEP=512 -x c -c -o "$t/b/mm/walk.o" -
set +e
out=$(python3 "$WB_TOP/workbench/objcmp.py" "$t/a" "$t/b")
rc=$?
set -e
printf '%s\n' "$out" | sed 's/^/    > /'
[ "$rc" -ne 0 ] || { echo "FAILED: a changed step was not detected"; exit 1; }
grep -q "mm/walk.o: differs; first differing function: walk$" <<<"$out" ||
	{ echo "FAILED: the object and function are not named"; exit 1; }
echo "ok: PAGE_SIZE-vs-0x200 style change detected and named (mm/walk.o, walk)"
