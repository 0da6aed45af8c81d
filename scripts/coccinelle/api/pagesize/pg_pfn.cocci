// SPDX-License-Identifier: GPL-2.0-only
/// A shift by PAGE_SHIFT that converts between a PFN and a physical
/// address counts order-0 allocations: use PG_SHIFT.
///
//# Rule "memmap and pfn/page conversion" of Documentation/mm/page-sizes.rst:
//# a PFN numbers the memory that one struct page describes, PG_SIZE bytes,
//# so the shift between a PFN and an address is PG_SHIFT. Matched:
//#
//#	pfn << PAGE_SHIFT, (phys_addr_t)pfn << PAGE_SHIFT
//#		(the shifted expression mentions "pfn")
//#	pfn = addr >> PAGE_SHIFT
//#		(the assigned variable or field mentions "pfn")
//#	return x >> PAGE_SHIFT;
//#		(in a function whose name mentions "pfn")
//#
//# Run it on core code only (mm/, kernel/, include/linux/). In arch/ code
//# "pfn" often names a hardware or firmware frame number whose unit is
//# fixed at 4K by an ABI (Xen MFNs, KVM GFNs, SEV and SGX structures,
//# MCE addresses): that is neither PTE_SIZE nor PG_SIZE, and the names
//# alone cannot tell the two kinds apart.
//#
//# Other shifts by PAGE_SHIFT (page counts, offsets, sizes in pages) are
//# left for other rules or a human; so is a phys_addr_t shifted right,
//# which is as often a size as an address.
//
// Confidence: High in core code, Low in arch/ (see above)
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SHIFT == PAGE_SHIFT.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// r and rf find the conversions in every mode; the patch rule and its
// read-only twin (depends on !patch) change or star the PAGE_SHIFT of
// each, and org and report mode list one entry per starred line.

@initialize:python@
@@
import re

msg = "PFN conversion by PAGE_SHIFT: use PG_SHIFT"
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


def is_pfn(e):
	return re.search(r"pfn", e, re.I) is not None

@r@
expression P : script:python () { is_pfn(P) };
expression X : script:python () { is_pfn(X) };
expression E;
position p;
@@
(
  P << PAGE_SHIFT@p
|
  X = E >> PAGE_SHIFT@p
)

@rf@
identifier fn : script:python () { is_pfn(fn) };
expression E;
position p;
@@
  fn(...)
  {
  <...
  return E >> PAGE_SHIFT@p;
  ...>
  }

@depends on patch@
position p1 = {r.p, rf.p};
@@
- PAGE_SHIFT@p1
+ PG_SHIFT

@c depends on !patch@
position p1 = {r.p, rf.p};
@@
* PAGE_SHIFT@p1

@script:python depends on org@
p << c.p1;
@@
emit(True, p)

@script:python depends on report@
p << c.p1;
@@
emit(False, p)
