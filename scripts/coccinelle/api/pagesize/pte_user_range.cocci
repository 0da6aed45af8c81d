// SPDX-License-Identifier: GPL-2.0-only
/// The memory-management system calls check and round user address
/// ranges to what one PTE maps: use PTE_MASK, PTE_ALIGN(),
/// PTE_ALIGNED() and offset_in_pte().
///
//# Rule "VMA boundaries, and alignment in mmap, munmap, mremap, mprotect
//# and madvise" of Documentation/mm/page-sizes.rst. A VMA starts and ends
//# on a PTE boundary, and user space sees PTE_SIZE as its page size, so the
//# address and length a system call takes are checked for and rounded to
//# that alignment:
//#
//#	if (start & ~PAGE_MASK)	->	if (start & ~PTE_MASK)
//#	if (!PAGE_ALIGNED(start))	->	if (!PTE_ALIGNED(start))
//#	if (offset_in_page(addr))	->	if (offset_in_pte(addr))
//#	len = PAGE_ALIGN(len);	->	len = PTE_ALIGN(len);
//#	(len + ~PAGE_MASK) & PAGE_MASK ->	(len + ~PTE_MASK) & PTE_MASK
//#
//# Only these forms, and only in the functions that implement the system
//# calls (and userfaultfd's range ioctls) or place a new mapping in the
//# address space (get_unmapped_area, brk, the mmap and stack bases), are
//# matched. Shifts by PAGE_SHIFT in the same functions are not: they turn
//# lengths into page offsets (vm_pgoff), whose unit is undecided. Neither
//# is a file offset (old_mmap(), vm_mmap()), for the same reason. The
//# function names are listed below; the script is run on the files that
//# define them, not on nommu.c, which has no PTEs.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PTE_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

@fns@
identifier fn = {
	brk, round_hint_to_min, do_mmap, remap_file_pages, vm_brk_flags,
	generic_get_unmapped_area, generic_get_unmapped_area_topdown,
	__get_unmapped_area, arch_get_unmapped_area,
	arch_get_unmapped_area_topdown, do_vmi_munmap, mremap, mremap_to,
	do_mprotect_pkey, madvise_set_anon_name, do_madvise, do_mbind,
	set_mempolicy_home_node, mincore, apply_vma_lock_flags, do_mlock,
	munlock, msync, do_mseal, mfill_atomic, mwriteprotect_range,
	move_pages, randomize_page, randomize_stack_top, mmap_base,
	map_shadow_stack};
@@
fn(...) { ... }

@depends on patch@
identifier fns.fn;
expression E;
@@
fn(...) { <...
(
  (E + ~
- PAGE_MASK
+ PTE_MASK
  ) &
- PAGE_MASK
+ PTE_MASK
|
  E & ~
- PAGE_MASK
+ PTE_MASK
|
  E &
- PAGE_MASK
+ PTE_MASK
|
- PAGE_ALIGNED
+ PTE_ALIGNED
  (E)
|
- PAGE_ALIGN
+ PTE_ALIGN
  (E)
|
- offset_in_page
+ offset_in_pte
  (E)
)
...> }

// Once more, for a use nested in the argument of one converted above:
// PAGE_ALIGN(len + offset_in_page(start)).
@depends on patch@
identifier fns.fn;
expression E;
@@
fn(...) { <...
(
  (E + ~
- PAGE_MASK
+ PTE_MASK
  ) &
- PAGE_MASK
+ PTE_MASK
|
  E & ~
- PAGE_MASK
+ PTE_MASK
|
  E &
- PAGE_MASK
+ PTE_MASK
|
- PAGE_ALIGNED
+ PTE_ALIGNED
  (E)
|
- PAGE_ALIGN
+ PTE_ALIGN
  (E)
|
- offset_in_page
+ offset_in_pte
  (E)
)
...> }

@depends on context@
identifier fns.fn;
expression E;
position p;
@@
fn(...) { <...
(
* (E + ~PAGE_MASK) & PAGE_MASK@p
|
* E & ~PAGE_MASK@p
|
* E & PAGE_MASK@p
|
* PAGE_ALIGNED@p(E)
|
* PAGE_ALIGN@p(E)
|
* offset_in_page@p(E)
)
...> }

@r depends on org || report@
identifier fns.fn;
expression E;
position p;
@@
fn(...) { <...
(
  (E + ~PAGE_MASK) & PAGE_MASK@p
|
  E & ~PAGE_MASK@p
|
  E & PAGE_MASK@p
|
  PAGE_ALIGNED@p(E)
|
  PAGE_ALIGN@p(E)
|
  offset_in_page@p(E)
)
...> }

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "user address range aligned with PAGE_*: use PTE_MASK/PTE_ALIGN()/offset_in_pte()")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "user address range aligned with PAGE_*: use PTE_MASK/PTE_ALIGN()/offset_in_pte()")
