// SPDX-License-Identifier: GPL-2.0-only
/// An address stepped in lockstep with a pte_t pointer steps by what one
/// PTE maps: use PTE_SIZE.
///
//# Rule "page-table walkers stepping an address" of
//# Documentation/mm/page-sizes.rst. Loops over the entries of a PTE table
//# advance the entry pointer and the virtual address together:
//#
//#	for (; addr != end; pte++, addr += PAGE_SIZE)
//#	} while (pte++, addr += PAGE_SIZE, addr != end);
//#
//# or step them in two statements next to each other:
//#
//#	ptep++;
//#	addr += PAGE_SIZE;
//#
//# One entry maps PTE_SIZE of address space, so the address steps by
//# PTE_SIZE; so does the physical address that the next entry maps,
//# where an early identity map steps that instead (x86-32's head32.c).
//# Only the comma expression that pairs the two, and the two statements
//# one right after the other, are matched; walks that step the address
//# elsewhere in the loop, or count entries instead, are left for later
//# rules or a human.
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
msg = "PTE walk steps the address by PAGE_SIZE: use PTE_SIZE"
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

@depends on patch@
pte_t *p;
expression a;
@@
(
  p++, a +=
- PAGE_SIZE
+ PTE_SIZE
|
  a +=
- PAGE_SIZE
+ PTE_SIZE
  , p++
)

@r depends on !patch@
pte_t *p;
expression a;
position pos;
@@
(
  p++, a +=
* PAGE_SIZE@pos
|
  a +=
* PAGE_SIZE@pos
  , p++
)

@depends on patch@
pte_t *p;
expression a;
@@
(
  p++;
  a +=
- PAGE_SIZE
+ PTE_SIZE
  ;
|
  a +=
- PAGE_SIZE
+ PTE_SIZE
  ;
  p++;
)

@rs depends on !patch@
pte_t *p;
expression a;
position pos;
@@
(
  p++;
  a +=
* PAGE_SIZE@pos
  ;
|
  a +=
* PAGE_SIZE@pos
  ;
  p++;
)

@script:python depends on org@
pos << r.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << r.pos;
@@
emit(False, pos)

@script:python depends on org@
pos << rs.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << rs.pos;
@@
emit(False, pos)
