# SPDX-License-Identifier: GPL-2.0
"""Reasons for the PAGE_* uses that the conversion leaves alone.

Every legacy use that no semantic patch converts is either decided by a
rule of Documentation/mm/page-sizes.rst that no script implements yet
("PTE, no script", "PG, no script", and the names its "Decisions" gives
x86's hardware 4K unit and the size of a table), or needs one of the
logic changes its "Beyond renames" lists ("logic change"), or waits for
a decision listed there under "Still open" ("undecided"), or sits in a
file that Coccinelle cannot parse ("not C"), or in a file that Kconfig
builds only where PTE_SIZE == PG_SIZE, so that PAGE_* stays valid there
("4K only"). The classes below say which, by path and by the text of
the line; the first class that matches wins. A use that no class
matches is unclassified.

These are review aids, not proofs: a class is a pattern, and
`make pagesize-report` writes every use with its class to
build/pagesize-remaining.txt so that each one can be checked.

Where a file mixes meanings, patterns cannot tell its lines apart; those
lines are given their class one by one in pagesize-reasons.tsv (path,
class, the code of the line as the report sees it, a note), read before
the patterns. An entry names its line by its code, not its number, so it
survives rebases; an entry that no longer matches a use is stale, and
the report fails on it.
"""
import fnmatch
import os
import re

# The directories the conversion is measured in (make pagesize-report) and
# the units check runs over.
SCOPE = ["arch/x86", "mm", "include/linux", "include/asm-generic", "kernel"]

# Built only for Xen PV guests, by arch/x86/xen/Makefile (checked against
# it by workbench/tests/pagesize-classes.sh).
XEN_PV_FILES = ["arch/x86/xen/" + f for f in (
    "setup.c", "apic.c", "pmu.c", "suspend_pv.c", "p2m.c", "enlighten_pv.c", "mmu_pv.c",
    "irq.c", "multicalls.c", "xen-asm.S", "smp_pv.c")]

# (id, verdict, reason, path globs, line regex or None[, more
# (path globs, line regex) alternatives])
CLASSES = [
    ("asm-lds", "not C",
     "assembler and linker scripts; Coccinelle parses only C",
     ["*.S", "*.lds", "*.lds.h", "*.lds.S"], None),
    ("mtrr-pfn", "logic change",
     "MTRR cleanup and trimming: MTRR ranges, in 4K units, compared with and turned into "
     "the kernel's page frame numbers (max_pfn, e820, memblock); once the units differ "
     "that is a logic change (page-sizes.rst, \"Hardware, firmware and hypervisor "
     "units\"); x86_hw_mtrr.cocci converts the MTRR bases and sizes of the other files",
     ["arch/x86/kernel/cpu/mtrr/cleanup.c"], None),
    ("xen-pv", "4K only",
     "files built only for Xen PV guests (obj-$(CONFIG_XEN_PV) and obj-$(CONFIG_XEN_PV_SMP) "
     "of arch/x86/xen/Makefile): XEN_PV depends on PAGE_SIZE_4KB, because a PV guest's pfn "
     "indexes its physical-to-machine map of 4K machine frames; there PTE_SIZE == PG_SIZE == "
     "XEN_PAGE_SIZE and PAGE_* stays valid (page-sizes.rst, \"Hardware, firmware and "
     "hypervisor units\")",
     XEN_PV_FILES, None),
    ("hw-4k", "X86_HW, no script",
     "x86 hardware-defined structures and firmware and hypervisor "
     "interfaces whose unit is the architectural 4K page (KVM, Xen, "
     "Hyper-V, SEV, TDX, SGX, MTRRs, EFI, PCI, boot, real-mode, kexec and "
     "entry code, PMU buffers): they say X86_HW_PAGE_SIZE/SHIFT (page-sizes.rst, "
     "\"Hardware, firmware and hypervisor units\"); x86_hw_gfn.cocci converts KVM's values typed "
     "gfn_t, gpa_t and gva_t, x86_hw_gfn_arg.cocci those that KVM's interfaces type, "
     "x86_hw_mtrr.cocci MTRR bases and sizes, and pg_frame.cocci "
     "the struct page frames among them; no script converts the rest yet. Matched by file, "
     "so some "
     "of these uses are allocation sizes and need a look one by one",
     ["arch/x86/kvm/*", "arch/x86/xen/*", "arch/x86/hyperv/*", "arch/x86/coco/*",
      "arch/x86/virt/*", "arch/x86/boot/*", "arch/x86/realmode/*", "arch/x86/platform/*",
      "arch/x86/kernel/cpu/sgx/*", "arch/x86/events/*", "arch/x86/include/asm/kvm*",
      "arch/x86/include/asm/xen/*", "arch/x86/include/asm/sev*", "arch/x86/include/asm/tdx*",
      "arch/x86/include/asm/sgx*", "arch/x86/include/asm/*hyperv*", "arch/x86/include/asm/svm*",
      "arch/x86/include/asm/vmx*", "arch/x86/include/asm/efi*", "arch/x86/include/uapi/*",
      "arch/x86/kernel/kvm*", "arch/x86/kernel/sev*", "arch/x86/kernel/tdx*",
      "arch/x86/kernel/cpu/mshyperv*", "arch/x86/kernel/amd_gart_64.c", "arch/x86/kernel/pci-*",
      "include/linux/kvm*", "include/linux/hyperv.h", "include/xen/*",
      "arch/x86/mm/mem_encrypt*", "arch/x86/kernel/crash*", "arch/x86/kernel/machine_kexec*",
      "arch/x86/kernel/kexec*", "include/linux/kexec.h", "arch/x86/kernel/cpu/mtrr/*",
      "arch/x86/kernel/amd_nb.c", "arch/x86/kernel/aperture_64.c", "arch/x86/kernel/tboot.c",
      "arch/x86/kernel/cpu/resctrl/*", "arch/x86/pci/*", "arch/x86/power/*",
      "arch/x86/kernel/acpi/*", "arch/x86/kernel/mpparse.c", "arch/x86/kernel/ldt.c",
      "arch/x86/kernel/espfix_64.c", "arch/x86/kernel/doublefault_32.c", "arch/x86/entry/*",
      "arch/x86/kernel/head*.c", "arch/x86/kernel/ebda.c", "arch/x86/kernel/probe_roms.c"], None),
    ("sysfs-buf", "undecided",
     "PAGE_SIZE as the size of a sysfs, seq_file or procfs buffer, a "
     "convention that is neither a mapping nor an allocation size",
     ["*"], r"\b(s?n?printf|scnprintf|sysfs_emit\w*)\s*\(\s*\w+\s*(\+\s*\w+\s*)?,\s*PAGE_SIZE"
     r"|sizeof\(_format\)\s*>=\s*PAGE_SIZE|\bbuf\w*\s*\+\s*PAGE_SIZE|PAGE_SIZE\s*-\s*\w*len\b"),
    ("kdebug", "logic change",
     "memory debuggers that shadow, poison or guard memory page by page "
     "(KASAN, KMSAN, KFENCE, debug_pagealloc, page_owner): a granule per "
     "order-0 page or per PTE is a logic change (page-sizes.rst, \"Beyond renames\")",
     ["mm/kasan/*", "mm/kmsan/*", "mm/kfence/*", "include/linux/kasan*", "include/linux/kmsan*",
      "include/linux/kfence*", "mm/debug_page_alloc.c", "mm/page_poison.c", "mm/page_owner.c",
      "mm/debug_vm_pgtable.c", "mm/page_table_check.c", "include/linux/page_table_check.h"], None),
    ("swap", "logic change",
     "swap slots and swap devices: whether a slot holds an order-0 page "
     "or a PTE's worth of memory is a logic change (\"Beyond renames\", swap slot size)",
     ["mm/swap*", "mm/page_io.c", "mm/zswap.c", "include/linux/swap*"], None),
    ("user-copy", "logic change",
     "how much user memory one page stands for when user memory is copied "
     "or pinned page by page (copy_*_user(), GUP): a logic change while one "
     "page may be mapped by several PTEs (\"Beyond renames\")",
     ["*"], r"copy_\w*(from|to)_user|__user|\buaddr\b|\busr_\w+|user_addr|gup_flags"),
    ("pfn-pte", "PTE, no script",
     "frame numbers written into or read from page-table entries "
     "(pfn_pte(), pte_pfn(), remap_pfn_range(), vmf_insert_pfn()): they "
     "count PTE_SIZE units (page-sizes.rst, \"Frame numbers\"). pte_pfn.cocci converts the "
     "frames it can prove; these are the rest: a variable the same function also uses as a "
     "struct page frame, or a frame whose way into an entry the script does not follow. "
     "Every frame number in page-table code, and elsewhere one on a line "
     "that names a page-table level",
     ["mm/memory.c", "mm/huge_memory.c", "mm/hugetlb.c", "mm/hmm.c", "mm/gup.c", "mm/pagewalk.c",
      "mm/pgtable-generic.c", "include/linux/pgtable.h", "include/linux/mm.h", "include/linux/pfn_t.h",
      "arch/x86/include/asm/pgtable*", "arch/x86/mm/pat/*", "arch/x86/mm/pgtable.c",
      "arch/x86/mm/ioremap.c", "arch/x86/mm/fault.c", "arch/x86/mm/pti.c", "arch/x86/mm/pgprot.c",
      "arch/x86/include/asm/page*.h", "include/asm-generic/pgtable*"],
     r"pfn|PFN",
     # Anywhere else: a frame number next to a page-table level.
     [(["*"], r"(?=.*(pfn|PFN|\b__pa\b)).*(pte|pmd|pud|p4d|pgd|PTRS_PER|paravirt|vmap)")]),
    ("pfn", "PG, no script",
     "memmap and pfn/page conversion: a frame number turned into a "
     "physical address or back (PFNs count order-0 pages); pg_pfn.cocci "
     "converts those named pfn in core code and pg_frame.cocci those that "
     "meet a struct page lookup or page_to_pfn(); these are the rest. "
     "Lines that also name a page-table level, PTRS_PER_*, vmap or "
     "paravirt are pfn-pte's: there the frame may be a PTE's",
     ["*"], r"pfn|PFN|\b__pa\b|\b__va\b|phys"),
    ("kb", "PG, no script",
     "page counts turned into kB or MB for accounting and messages "
     "(PAGE_SHIFT - 10); mm/util.c's overcommit limit and perf's mlock "
     "limit compare against mapped pages and are listed as undecided "
     "instead",
     ["*"], r"PAGE_SHIFT\s*-\s*10|10\s*-\s*PAGE_SHIFT|PAGE_SHIFT\s*-\s*20|20\s*-\s*PAGE_SHIFT"),
    ("vm-counters", "PTE, no script",
     "per-mm counters of mapped memory in pages (total_vm, locked_vm, "
     "data_vm, RLIMIT_MEMLOCK, overcommit): they count PTE_SIZE units "
     "(page-sizes.rst, \"vm_pgoff and per-mm counters\"). pte_vm_counters.cocci converts "
     "the shifts into and out of the counters, their rlimits and the overcommit charges; "
     "these are the rest (local limits it does not follow, shmem's VM_ACCT, KSM's profit)",
     ["mm/*", "include/linux/*", "kernel/*"],
     r"total_vm|locked_vm|data_vm|stack_vm|exec_vm|pinned_vm|vm_stat_account|may_expand_vm"
     r"|vm_(un)?acct_memory|vm_enough_memory|mlock_future_ok|locked_pages|limit_pages|VM_ACCT"),
    ("memcg-charge", "PG, no script",
     "memcg and page_counter charges, counted in order-0 pages (zone and "
     "buddy accounting); pg_acct.cocci converts a counter read facing a "
     "conversion, these reach one through a local, the object stock or "
     "PAGE_COUNTER_MAX",
     ["mm/memcontrol*", "mm/hugetlb_cgroup.c", "mm/page_counter.c", "include/linux/memcontrol.h",
      "include/linux/page_counter.h"],
     r"page_counter|nr_bytes|nr_pages|stock|objcg|memcg|MEMCG|peak|value|pages\b"),
    ("in-page-offset", "PG, no script",
     "an offset and length inside the memory of one struct page, in the "
     "helpers that copy to and from pages, bvecs and scatterlists; pg_kmap.cocci "
     "converts the bounds and offsets whose page the next statement maps or sets; "
     "these are the rest",
     ["include/linux/highmem*.h", "include/linux/bvec.h", "include/linux/iov_iter.h",
      "include/linux/scatterlist.h", "include/linux/skbuff.h", "mm/highmem.c"], None),
    ("memmap-size", "PG, no script",
     "the memory the memmap, page_ext and section maps take, counted in "
     "order-0 pages (memmap and buddy accounting); no semantic patch "
     "converts them yet",
     ["mm/sparse*.c", "mm/page_ext.c", "mm/mm_init.c", "mm/bootmem_info.c", "arch/x86/mm/kaslr.c"],
     r"sizeof\s*\(\s*struct page\s*\)|memmap_\w*pages_add|PAGES_PER_SECTION|mem_section_usage_size"
     r"|sizeof\(struct pglist_data\)|\bmapsize\b|vmemmap_size"),
    ("order-shift", "PG, no script",
     "an allocation order made from a shift or a shift made from an order "
     "(PMD_SHIFT - PAGE_SHIFT, order + PAGE_SHIFT): orders count order-0 "
     "pages (the rule for alloc_pages() and get_order()); pg_hstate.cocci "
     "converts hstate and folio orders, these are orders known by name only "
     "(HPAGE_PMD_ORDER, PMD_ORDER, HUGETLB_PAGE_ORDER)",
     # Not an address turned into an index, nor init.c's mapping step.
     ["*"], r"^(?!.*\b(addr|pos|step_size)\b).*(\b[A-Z]\w*_SHIFT\s*-\s*PAGE_SHIFT\b|\bilog2\(\w+\)\s*-\s*PAGE_SHIFT"
     r"|\w*order\w*\s*\+\s*PAGE_SHIFT|PAGE_SHIFT\s*\+\s*\w*(order|ORDER)\w*)"),
    ("fixmap-slot", "PTE, no script",
     "fixmap and kmap (PKMAP) slots and the fixed virtual layout around "
     "them: each slot is a PTE's worth of address space (the rule for "
     "fixmap and kmap mappings); no semantic patch converts them yet",
     ["arch/x86/include/asm/fixmap.h", "include/asm-generic/fixmap.h",
      "arch/x86/include/asm/highmem.h", "arch/x86/include/asm/pgtable_32_areas.h"], None),
    ("x86-walk", "PTE, no script",
     "x86 page-table walkers stepping an address to the next PTE, in forms "
     "pte_walk.cocci does not match (next = (addr + PAGE_SIZE) & PAGE_MASK)",
     ["arch/x86/mm/init*.c", "arch/x86/mm/kasan_init_64.c", "arch/x86/mm/ident_map.c",
      "arch/x86/mm/cpu_entry_area.c", "arch/x86/mm/pti.c", "arch/x86/mm/dump_pagetables.c"],
     r"\b(addr|vaddr|next|address|paddr_next|paddr_last|paddr)\b\s*(\+?=|[&+])"),
    ("stack-order", "logic change",
     "a stack size written as PAGE_SIZE << an order (THREAD_SIZE, EXCEPTION_STKSZ, "
     "IRQ_STACK_SIZE, SCS_SIZE): a byte size of a stack that is vmapped or mapped PTE "
     "by PTE, not an allocation order; pg_order.cocci leaves it (page-sizes.rst, "
     "\"Beyond renames\", stack sizes)",
     ["arch/x86/include/asm/page_*_types.h", "include/linux/scs.h"],
     r"PAGE_SIZE\s*<<\s*\w*(STACK|THREAD_SIZE|SCS)\w*_ORDER"),
    ("order-unproven", "PG, no script",
     "PAGE_SIZE << an order that pg_order.cocci cannot prove reaches the page "
     "allocator: a function's parameter, a loop variable (hstate and folio "
     "orders are pg_hstate.cocci's). The rule says PG_SIZE once the order is "
     "followed to its allocation, which the script does only within one "
     "function",
     ["mm/*", "include/linux/*", "kernel/*", "arch/x86/*"],
     r"PAGE_SIZE\)?\s*<<\s*\(?[\w>.-]*order\b"),
    ("file-index", "undecided",
     "file offsets, vm_pgoff and page-cache indices: vm_pgoff counts PTE_SIZE "
     "(page-sizes.rst, \"vm_pgoff and per-mm counters\"), the page cache index "
     "is still open, and until a script tells them apart they share this class",
     ["mm/*", "include/linux/*", "arch/x86/*", "kernel/*"],
     r"pgoff|xa_index|->index\b|\b\w*_?index\b|i_size|loff_t|isize|\b(start|end)_byte\b|\bfpos\b|\bf_pos\b|\bppos\b"),
    ("pte-per-page", "logic change",
     "code that counts PTEs and pages with one number: a batch of nr PTEs "
     "maps nr pages, and page i of a folio sits at addr + i * PAGE_SIZE "
     "(folio_pte_batch(), vmap, percpu, GUP); once PG_SIZE > PTE_SIZE this "
     "needs a logic change, not a rename",
     ["mm/memory.c", "mm/gup.c", "mm/vmalloc.c", "mm/rmap.c", "mm/huge_memory.c", "mm/migrate*.c",
      "mm/khugepaged.c", "mm/hmm.c", "mm/mlock.c", "mm/madvise.c", "mm/mprotect.c", "mm/mremap.c",
      "mm/ksm.c", "mm/hugetlb.c", "mm/page_vma_mapped.c", "mm/percpu*.c", "mm/userfaultfd.c",
      "mm/pagewalk.c", "mm/filemap.c", "mm/shmem.c", "mm/internal.h", "include/linux/mm.h",
      "include/linux/rmap.h", "include/linux/vmalloc.h", "mm/nommu.c", "mm/mmap.c", "mm/util.c"],
     r"\b(nr|nr_pages|i|idx|n|left_idx|right_idx|max_nr|count|nr_small_pages|npages|page_nr|nr_ptes)\b"),
]


# Classes given only line by line, in pagesize-reasons.tsv.
CLASSES += [
    ("pte-walk", "PTE, no script", "a page-table walker stepping an address, or PTE index arithmetic", [], None),
    ("pte-vma", "PTE, no script",
     "VMA boundaries and the alignment of user address ranges (mmap, munmap, mremap, "
     "mprotect, madvise, mlock, brk, stack growth, get_unmapped_area)", [], None),
    ("pte-tlb", "PTE, no script", "TLB flush ranges and strides", [], None),
    ("pte-setmem", "PTE, no script", "set_memory and change_page_attr page counts", [], None),
    ("pte-map", "PTE, no script",
     "ioremap, vmap, vmalloc, fixmap and kmap mappings: the alignment and size of a "
     "virtual mapping, a guard page, the fixed kernel virtual layout", [], None),
    ("pte-user", "PTE, no script", "the page size user space sees (AT_PAGESZ, getpagesize(), SHMLBA)", [], None),
    ("pg-alloc", "PG, no script",
     "alloc_pages() and get_order() sizes, PAGE_SIZE << order, allocation orders, the "
     "alignment of physical allocations that become whole pages", [], None),
    ("pg-mem", "PG, no script",
     "the memory behind page_address() or a kmap of a page, the memory one struct page "
     "describes, clear_page() and copy_page()", [], None),
    ("pg-memmap", "PG, no script", "memmap and pfn/page or pfn/physical-address conversion", [], None),
    ("pg-acct", "PG, no script",
     "zone, memblock, buddy, vmstat, memcg and dirty-limit accounting in pages "
     "that pg_acct.cocci does not reach (a count in a local, inside min(), a "
     "limit's write side)", [], None),
    ("pg-slab", "PG, no script",
     "slab page sizes and folio sizes, and allocators that carve order-0 pages", [], None),
    ("table-size", "table size, no script",
     "the size or alignment of a page table itself: 4K on x86 whatever PG_SIZE is, so "
     "neither PTE_SIZE nor PG_SIZE; it is PTE_TABLE_SIZE and friends (page-sizes.rst, "
     "\"Page-table size\"). table_size.cocci converts what names its level by the type of "
     "an entry; these do not (a bit of the PTI PGD pointer, the PGD, an aligned array, a "
     "PMD table reached through a pte_t pointer)", [], None),
    ("table-pages", "logic change",
     "page tables allocated as pages before or outside pagetable_alloc(): x86's boot "
     "allocators that hand out pages for tables of any level (alloc_low_pages() and its "
     "pgt_buf, spp_getpage()), and KASAN shadow and vmemmap tables allocated by size and "
     "installed with pXd_populate(), which hot-remove frees a page at a time: allocating "
     "and freeing them by table is a logic change (page-sizes.rst, \"Beyond renames\", "
     "early page-table allocators)",
     [], None),
    ("buffer", "undecided",
     "a kernel buffer or structure that is a page only by convention (a page-sized "
     "array or batch, a string limit), neither a mapping nor an order-0 allocation", [], None),
    ("subsys", "undecided",
     "another subsystem's own unit (filesystem blocks, block-layer sectors, network "
     "and driver buffers), to be decided with that subsystem's code", [], None),
    ("mixed", "undecided",
     "one expression serves as a mapping size and as an allocation size, or its "
     "meaning depends on the caller: a logic change, not a rename", [], None),
    ("not-use", "not a use",
     "the name appears but not as the legacy macro (a guard for a userspace build)", [], None),
]

REASONS_FILE = os.environ.get("PAGESIZE_REASONS") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "pagesize-reasons.tsv")


def norm(line):
    """The code of a line as a key: stripped, runs of white space folded."""
    return " ".join(line.split())


def load_reasons(path=REASONS_FILE):
    """{(path, code): {nth: class}} from pagesize-reasons.tsv.

    A fifth column N gives the class of the Nth line of that file with that
    code only (where two identical lines mean different things); without
    it, nth is 0 and the class is every such line's."""
    table = {}
    if not os.path.exists(path):
        return table
    ids = {c[0] for c in CLASSES}
    for n, row in enumerate(open(path), 1):
        if not row.strip() or row.startswith("#"):
            continue
        f = row.rstrip("\n").split("\t")
        if len(f) < 3 or f[1] not in ids or (len(f) > 4 and not f[4].isdigit()):
            raise SystemExit(f"{path}:{n}: want path, a class of pagesize_classes.py, code[, note[, N]]")
        nth = int(f[4]) if len(f) > 4 else 0
        table.setdefault((f[0], norm(f[2])), {})[nth] = f[1]
    return table


REASONS = load_reasons()


def classify(path, line, nth=1):
    """The class of a use on line (the nth line of path with that code)."""
    entry = REASONS.get((path, norm(line)))
    if entry:
        cid = entry.get(nth) or entry.get(0)
        if cid:
            return cid
    for cid, _verdict, _reason, globs, regex, *more in CLASSES:
        for g, r in [(globs, regex)] + (more[0] if more else []):
            if any(fnmatch.fnmatch(path, x) for x in g) and (r is None or re.search(r, line)):
                return cid
    return None


def verdict(cid):
    for c in CLASSES:
        if c[0] == cid:
            return c[1]
    return "unclassified"
