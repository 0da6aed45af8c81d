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

# Objects whose only difference is in .debug_* (the build directory, as in
# two worktrees) pass, and every one of them is listed, not only the first few.
rm -rf "$t/a" "$t/b"
for side in a b; do
	mkdir -p "$t/$side/arch/x86/realmode/rm" "$t/src-$side"
	for i in 1 2 3 4 5 6 7; do
		(cd "$t/src-$side" && printf 'int f%d(int x) { return x * %d; }\n' "$i" "$i" |
			gcc -O2 -g -x c -c -o "$t/$side/arch/x86/realmode/rm/d$i.o" -)
	done
	cp "$t/$side/arch/x86/realmode/rm/d1.o" "$t/$side/vmlinux"
done
cp "$t/a/vmlinux" "$t/b/vmlinux"
cmp -s "$t/a/arch/x86/realmode/rm/d7.o" "$t/b/arch/x86/realmode/rm/d7.o" &&
	{ echo "FAILED: test setup: the debug-only objects came out identical"; exit 1; }
set +e
out=$(python3 "$WB_TOP/workbench/objcmp.py" "$t/a" "$t/b")
rc=$?
set -e
printf '%s\n' "$out" | sed 's/^/    > /'
[ "$rc" -eq 0 ] || { echo "FAILED: objects differing only in debug sections failed the run"; exit 1; }
grep -q "^7 objects differ only in debug sections" <<<"$out" ||
	{ echo "FAILED: the debug-only objects are not counted"; exit 1; }
for i in 1 2 3 4 5 6 7; do
	grep -qx "  arch/x86/realmode/rm/d$i.o" <<<"$out" ||
		{ echo "FAILED: debug-only object d$i.o is not listed"; exit 1; }
done
echo "ok: 7 debug-only objects pass and all 7 are listed"
