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

// Each patch rule has one read-only twin (depends on !patch): the same
// pattern with the removed code marked '*' and its position bound, from
// which org and report mode list one entry per starred line.

@initialize:python@
@@
msg = "user address range aligned with PAGE_*: use PTE_MASK/PTE_ALIGN()/offset_in_pte()"
seen = set()


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
\(PAGE_MASK\|PAGE_ALIGN(...)\|PAGE_ALIGNED(...)\|offset_in_page(...)\)

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

@r1 depends on has_tokens && !patch@
identifier fns.fn;
expression E;
position p, q;
@@
fn(...) { <...
(
  (E + ~
* PAGE_MASK@q
  ) &
* PAGE_MASK@p
|
  E & ~
* PAGE_MASK@p
|
  E &
* PAGE_MASK@p
|
* PAGE_ALIGNED@p
  (E)
|
* PAGE_ALIGN@p
  (E)
|
* offset_in_page@p
  (E)
)
...> }

// Once more, for a use nested in the argument of one converted above:
// PAGE_ALIGN(len + offset_in_page(start)). The read-only twin skips what
// the first one marks, as patch mode no longer sees it.
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

@r2 depends on has_tokens && !patch@
identifier fns.fn;
expression E;
position p != r1.p, q;
@@
fn(...) { <...
(
  (E + ~
* PAGE_MASK@q
  ) &
* PAGE_MASK@p
|
  E & ~
* PAGE_MASK@p
|
  E &
* PAGE_MASK@p
|
* PAGE_ALIGNED@p
  (E)
|
* PAGE_ALIGN@p
  (E)
|
* offset_in_page@p
  (E)
)
...> }

@script:python depends on org@
p << r1.p;
q << r1.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << r1.p;
q << r1.q = [];
@@
emit(False, p, q)

@script:python depends on org@
p << r2.p;
q << r2.q = [];
@@
emit(True, p, q)

@script:python depends on report@
p << r2.p;
q << r2.q = [];
@@
emit(False, p, q)
