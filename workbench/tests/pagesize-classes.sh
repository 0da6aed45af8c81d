#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# pagesize-classes: the reasons given for the PAGE_* uses the conversion
# leaves alone. Each class of workbench/pagesize_classes.py must match
# the sample it was written for and nothing in a plain line; every class
# must still match something at the series head (no dead class); and the
# number of unclassified uses there must not exceed the recorded
# ceiling, which only ever goes down (the issue's goal is 0).
. "$(dirname "$0")/../lib.sh"

bad=0
python3 - "$WB_TOP/workbench" <<'PY' || bad=1
import sys
sys.path.insert(0, sys.argv[1])
import pagesize_classes
from pagesize_classes import CLASSES, classify
samples = [
    ("arch/x86/kernel/vmlinux.lds.S", ". = ALIGN(PAGE_SIZE);", "asm-lds"),
    ("arch/x86/kvm/mmu/mmu.c", "gfn_t gfn = gpa >> PAGE_SHIFT;", "hw-4k"),
    ("arch/x86/xen/mmu_pv.c", "pfn = addr >> PAGE_SHIFT;", "xen-pv"),
    ("arch/x86/xen/mmu_hvm.c", "pfn = addr >> PAGE_SHIFT;", "hw-4k"),
    ("arch/x86/kernel/cpu/mtrr/cleanup.c", "range_state[reg].base_pfn = basek >> (PAGE_SHIFT - 10);", "mtrr-pfn"),
    ("arch/x86/kernel/cpu/mtrr/generic.c", "tmp = (u64)mask_hi << 32 | (mask_lo & PAGE_MASK);", "hw-4k"),
    ("drivers/x.c", "return snprintf(buf, PAGE_SIZE, \"%d\\n\", x);", "sysfs-buf"),
    ("mm/kfence/core.c", "addr += PAGE_SIZE;", "kdebug"),
    ("mm/swapfile.c", "nr = size >> PAGE_SHIFT;", "swap"),
    ("mm/memory.c", "if (__copy_from_user_inatomic(kaddr, uaddr, PAGE_SIZE)) {", "user-copy"),
    ("mm/memory.c", "pfn -= addr >> PAGE_SHIFT;", "pfn-pte"),
    ("mm/mm_init.c", "start = pfn << PAGE_SHIFT;", "pfn"),
    ("mm/vmstat.c", "K(x) ((x) << (PAGE_SHIFT - 10))", "kb"),
    ("mm/mmap.c", "mm->total_vm += len >> PAGE_SHIFT;", "vm-counters"),
    ("mm/memcontrol.c", "nr_pages = nr_bytes >> PAGE_SHIFT;", "memcg-charge"),
    ("include/linux/highmem.h", "VM_BUG_ON(offset + len > PAGE_SIZE);", "in-page-offset"),
    ("arch/x86/mm/init_64.c", "next = (addr + PAGE_SIZE) & PAGE_MASK;", "x86-walk"),
    ("mm/filemap.c", "pgoff_t index = start_byte >> PAGE_SHIFT;", "file-index"),
    ("arch/x86/include/asm/page_64_types.h", "#define THREAD_SIZE  (PAGE_SIZE << THREAD_SIZE_ORDER)", "stack-order"),
    ("mm/mempool.c", "__check_element(pool, addr, PAGE_SIZE << order);", "order-unproven"),
    ("mm/memory.c", "addr += nr * PAGE_SIZE;", "pte-per-page"),
    ("mm/sparse.c", "memmap_pages_add(DIV_ROUND_UP(nr_pages * sizeof(struct page), PAGE_SIZE));", "memmap-size"),
    ("include/linux/pgtable.h", "#define PMD_ORDER	(PMD_SHIFT - PAGE_SHIFT)", "order-shift"),
    ("mm/example.c", "*ilx += (addr - vma->vm_start) >> (PAGE_SHIFT + order);", None),
    ("include/asm-generic/fixmap.h", "#define __fix_to_virt(x)	(FIXADDR_TOP - ((x) << PAGE_SHIFT))", "fixmap-slot"),
    # Plain lines that no class may claim.
    ("mm/example.c", "size = PAGE_SIZE;", None),
    ("arch/x86/mm/example.c", "if (address < PAGE_SIZE)", None),
    ("include/linux/example.h", "return PAGE_SIZE;", None),
]
ok = True
for path, line, want in samples:
    got = classify(path, line)
    if got != want:
        print(f"FAILED: {path}: {line!r} -> {got}, expected {want}")
        ok = False
# Line-by-line classes are covered by their entries in pagesize-reasons.tsv
# (the report fails on an entry that matches no use). An entry names one
# file's line: the same code elsewhere is not claimed through it.
table = pagesize_classes.REASONS
by_table = set()
for (path, code), entry in table.items():
    for nth, cid in entry.items():
        by_table.add(cid)
        if pagesize_classes.classify(path, code, nth or 1) != cid:
            print(f"FAILED: table entry {path}: {code!r} (line {nth or 'any'}) -> {cid} does not hold")
            ok = False
    # A class given only line by line claims nothing in another file.
    other = "drivers/example/" + path.replace("/", "-")
    got = pagesize_classes.classify(other, code)
    if got is not None and not any(c[0] == got and c[3] for c in CLASSES):
        print(f"FAILED: {got} claims {code!r} in {other} through the table")
        ok = False
missing = {c[0] for c in CLASSES} - {s[2] for s in samples} - by_table
if missing:
    print("FAILED: classes without a sample:", ", ".join(sorted(missing)))
    ok = False
if ok:
    print(f"ok: {len(CLASSES)} classes, each matches its sample; {sum(s[2] is None for s in samples)} plain lines stay unclassified")
sys.exit(0 if ok else 1)
PY

# xen-pv claims what arch/x86/xen/Makefile builds only for PV guests, and
# holds only while Kconfig keeps PV guests at 4K order-0 pages.
python3 - "$WB_TOP/workbench" "$KTREE" "refs/heads/$SERIES_BRANCH" <<'PY' || bad=1
import re, subprocess, sys
sys.path.insert(0, sys.argv[1])
from pagesize_classes import XEN_PV_FILES
tree, rev = sys.argv[2], sys.argv[3]
def show(path):
    return subprocess.run(["git", "-C", tree, "show", f"{rev}:{path}"], capture_output=True,
                          text=True, check=True).stdout
mk = show("arch/x86/xen/Makefile")
built = {"arch/x86/xen/" + o[:-2] + ext
         for o in re.findall(r"^obj-\$\(CONFIG_XEN_PV(?:_SMP)?\)\s*\+=\s*(\S+\.o)\s*$", mk, re.M)
         for ext in (".c", ".S")
         if subprocess.run(["git", "-C", tree, "cat-file", "-e", f"{rev}:arch/x86/xen/{o[:-2]}{ext}"],
                           capture_output=True).returncode == 0}
ok = True
if built != set(XEN_PV_FILES):
    print("FAILED: xen-pv files differ from arch/x86/xen/Makefile's PV objects:",
          "missing", sorted(built - set(XEN_PV_FILES)), "extra", sorted(set(XEN_PV_FILES) - built))
    ok = False
kc = show("arch/x86/xen/Kconfig")
pv = re.search(r"^config XEN_PV\n(.*?)(?=^config )", kc, re.M | re.S)
if not pv or not re.search(r"^\s*depends on PAGE_SIZE_4KB\s*$", pv.group(1), re.M):
    print("FAILED: XEN_PV no longer depends on PAGE_SIZE_4KB: the xen-pv class does not hold")
    ok = False
if ok:
    print(f"ok: xen-pv claims the {len(built)} files arch/x86/xen/Makefile builds only for PV "
          "guests, and XEN_PV depends on PAGE_SIZE_4KB")
sys.exit(0 if ok else 1)
PY

# An entry that matches no use at the series head fails the report.
t=$(mktemp)
cp "$WB_TOP/workbench/pagesize-reasons.tsv" "$t"
printf 'mm/memory.c\tpte-walk\tno such line = PAGE_SIZE;\tinjected\n' >>"$t"
if PAGESIZE_REASONS=$t python3 "$WB_TOP/workbench/pagesize-report.py" "$KTREE" \
	--rev "refs/heads/$SERIES_BRANCH" >"$t.out" 2>&1 || ! grep -q 'match no use' "$t.out"; then
	echo "FAILED: the report accepted a stale entry of pagesize-reasons.tsv"
	bad=1
else
	echo "ok: a stale entry of pagesize-reasons.tsv fails the report"
fi
rm -f "$t" "$t.out"

ceiling=$(cat "$WB_TOP/workbench/pagesize-unclassified.ceiling")
out=$(python3 "$WB_TOP/workbench/pagesize-report.py" "$KTREE" --rev "refs/heads/$SERIES_BRANCH" \
	--list "$BUILD/pagesize-remaining.txt" --ceiling "$ceiling") || bad=1
printf '%s\n' "$out" | sed -n '/^Why the/,$p'
exit $bad
