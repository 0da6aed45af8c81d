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

# A known difference (workbench/noop-known.tsv's format) passes only in
# the functions listed for it; another differing function, or a listed
# object that does not differ, fails.
rm -rf "$t/a" "$t/b"
mkdir -p "$t/a/mm" "$t/b/mm"
src2='int pinned(int x) { return x & 4; }
int walk(unsigned long a, unsigned long e) { int n = 0; for (; a < e; a += STEP) n++; return n; }
int other(int x) { return x * OTHER; }'
printf '%s\n' "$src2" | gcc -O2 -DSTEP=4096 -DOTHER=3 -x c -c -o "$t/a/mm/known.o" -
printf '%s\n' "$src2" | gcc -O2 -DSTEP=512 -DOTHER=3 -x c -c -o "$t/b/mm/known.o" -
printf '%s\n' "$src" | gcc -O2 -DSTEP=4096 -x c -c -o "$t/a/mm/walk.o" -
cp "$t/a/mm/walk.o" "$t/b/mm/walk.o"
cp "$t/a/mm/known.o" "$t/a/vmlinux"; cp "$t/b/mm/known.o" "$t/b/vmlinux"
printf '# TAG\tOBJECT\tFUNCTIONS\tPATCHES\tREASON\nt\tmm/known.o\twalk,pinned\t1\ttest\n' >"$t/known.tsv"
# known TAG [PATCHES]: objcmp.py with that entry file; sets out and rc.
known() {
	set +e
	out=$(OBJCMP_KNOWN=$t/known.tsv OBJCMP_TAG=$1 OBJCMP_PATCHES=${2:-} \
		python3 "$WB_TOP/workbench/objcmp.py" "$t/a" "$t/b")
	rc=$?
	set -e
	printf '%s\n' "$out" | sed 's/^/    > /'
}
known t
[ "$rc" -eq 0 ] || { echo "FAILED: a known difference in a listed function failed the run"; exit 1; }
grep -q "mm/known.o: 1 functions differ, all listed (walk)" <<<"$out" ||
	{ echo "FAILED: the known difference is not reported"; exit 1; }
grep -q "^vmlinux: differs, as the known objects linked into it do" <<<"$out" ||
	{ echo "FAILED: vmlinux's difference is not explained"; exit 1; }
# The same difference without the entry for this tag fails.
known other
[ "$rc" -ne 0 ] || { echo "FAILED: a difference known only for another build passed"; exit 1; }
echo "ok: a known difference passes in its listed functions, and only for its build"
printf '%s\n' "$src2" | gcc -O2 -DSTEP=512 -DOTHER=5 -x c -c -o "$t/b/mm/known.o" -
known t
[ "$rc" -ne 0 ] && grep -q "mm/known.o: differs outside its known functions: other" <<<"$out" ||
	{ echo "FAILED: a difference in an unlisted function of a known object passed"; exit 1; }
echo "ok: a difference outside the listed functions fails and is named"
cp "$t/a/mm/known.o" "$t/b/mm/known.o"; cp "$t/a/vmlinux" "$t/b/vmlinux"
known t
[ "$rc" -ne 0 ] && grep -q "mm/known.o: listed as a known difference .* but identical: a stale entry" <<<"$out" ||
	{ echo "FAILED: a stale known difference passed"; exit 1; }
echo "ok: a stale known difference fails"
# An entry applies only to a run that contains one of its patches: for
# another run, the object is compared as any other.
known t 2,3
[ "$rc" -eq 0 ] || { echo "FAILED: an entry for patch 1 made a run of patches 2-3 fail"; exit 1; }
grep -q "^all identical$" <<<"$out" || { echo "FAILED: a run without the entry's patch did not compare as usual"; exit 1; }
echo "ok: an entry applies only to the runs that contain its patches"
