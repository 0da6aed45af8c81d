// SPDX-License-Identifier: GPL-2.0-only
/// The bounds of the memory map, max_pfn, max_low_pfn, min_low_pfn,
/// max_possible_pfn and x86-32's highstart_pfn and highend_pfn, count
/// order-0 pages: the PAGE_SHIFT or PAGE_SIZE that converts them to or
/// from bytes, or compares them with bytes, is PG_SHIFT or PG_SIZE.
///
//# Rule "memmap and pfn/page conversion" of Documentation/mm/page-sizes.rst:
//# a PFN numbers the memory that one struct page describes, PG_SIZE bytes.
//# These global variables bound the PFNs that have a struct page
//# (<linux/memblock.h>, and x86-32's highmem range), so they are such
//# PFNs whatever the names around them say. Matched: a binary operation
//# (shift, multiplication, division, comparison, sum or difference) one
//# operand of which names a bound and the other does not, for every
//# PAGE_SHIFT and PAGE_SIZE in the other operand:
//#
//#	max_pfn << PAGE_SHIFT, max_pfn * PAGE_SIZE - 1
//#	max_pfn > (1UL << (32 - PAGE_SHIFT))
//#	(end >> PAGE_SHIFT) > max_low_pfn
//#	max_low_pfn - highmem_pages < 64 * 1024 * 1024 / PAGE_SIZE
//#
//# A bound counts only as the global variable: not a struct field of the
//# same name (xen_start_info->nr_pages, p->max_pfn), not in a function
//# that declares a parameter or local of that name, and not inside the
//# arguments of a call in the operand (PFN_PHYS(max_pfn) is bytes, so
//# what it is compared with is not known to be in pages).
//#
//# Unlike pg_pfn.cocci, which goes by the word "pfn" and so stays out of
//# arch/, this rule names the variables, and runs on arch/x86/ too.
//# max_pfn_mapped and the other frames of x86's direct map are not
//# matched: they bound what the direct map maps, which is decided by
//# page-table code. Not matched either: a bound passed to a function or
//# to min()/max()/clamp(), or assigned; the code that sets the bounds
//# (e820__end_ram_pfn() and MAX_ARCH_PFN, memblock); and a bound that
//# meets a 4K unit with no PAGE_* on the line (SEV's RMP table size,
//# MAX_NONPAE_PFN), which needs a logic change, not a rename.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// sh1 and sh2 find functions where a bound's name is not the global, b1
// and b2 record the extent of each operand that faces a bound, and s
// finds the PAGE_SHIFT and PAGE_SIZE inside one; the patch rule and its
// read-only twin (depends on !patch) change or star those, and org and
// report mode list one entry per starred line.

@initialize:python@
@@
import re

msg = "memory map bound by PAGE_SHIFT or PAGE_SIZE: use PG_SHIFT or PG_SIZE"
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


BOUNDS = ("max_pfn", "max_low_pfn", "min_low_pfn", "max_possible_pfn",
	  "highstart_pfn", "highend_pfn")
# (file, line, column, end line, end column) of every operand that faces
# a bound.
spans = []
# (file, line, column) of every PAGE_* to convert.
conv = set()
# Functions with a parameter or local named like a bound.
shadowed = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def mentions(e):
	"""Whether expression e names a bound as the global variable."""
	e = str(e)
	for b in BOUNDS:
		for m in re.finditer(r"\b%s\b" % b, e):
			before = e[:m.start()].rstrip()
			if before.endswith(".") or before.endswith("->"):
				continue
			# inside the arguments of a call in e
			depth, call = 0, False
			for i in range(m.start() - 1, -1, -1):
				if e[i] == ")":
					depth += 1
				elif e[i] == "(":
					if depth == 0:
						call = bool(re.search(r"\w\s*$", e[:i]))
						if call:
							break
					else:
						depth -= 1
			if not call:
				return True
	return False


def span(px, e, x):
	if px[0].current_element in shadowed:
		return
	if mentions(e) and not mentions(x):
		q = px[0]
		spans.append((q.file, int(q.line), int(q.column),
			      int(q.line_end), int(q.column_end)))


def inside(p):
	q = p[0]
	start = (int(q.line), int(q.column))
	end = (int(q.line_end), int(q.column_end))
	return any(q.file == f and start >= (l, c) and end <= (le, ce)
		   for (f, l, c, le, ce) in spans)

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
\(PAGE_SHIFT\|PAGE_SIZE\)

// Functions in which a bound's name is a parameter or a local variable.
@sh1 depends on has_tokens@
identifier f, b =~ "^(max_pfn|max_low_pfn|min_low_pfn|max_possible_pfn|highstart_pfn|highend_pfn)$";
type T;
@@
f(..., T b, ...) { ... }

@script:python@
f << sh1.f;
@@
shadowed.add(str(f))

@sh2 depends on has_tokens@
identifier f, b =~ "^(max_pfn|max_low_pfn|min_low_pfn|max_possible_pfn|highstart_pfn|highend_pfn)$";
type T;
@@
f(...) { ... when any
T b;
... when any
}

@script:python@
f << sh2.f;
@@
shadowed.add(str(f))

@b1 depends on has_tokens@
binary operator bop = {<<, >>, *, /, <, >, <=, >=, ==, !=, -, +};
expression E, X;
position px;
@@
  E bop X@px

@script:python@
px << b1.px;
E << b1.E;
X << b1.X;
@@
span(px, E, X)

@b2 depends on has_tokens@
binary operator bop = {<<, >>, *, /, <, >, <=, >=, ==, !=, -, +};
expression E, X;
position px;
@@
  X@px bop E

@script:python@
px << b2.px;
E << b2.E;
X << b2.X;
@@
span(px, E, X)

@s@
position p;
@@
\(PAGE_SHIFT@p\|PAGE_SIZE@p\)

@script:python@
p << s.p;
@@
if inside(p):
	conv.add(pos(p))

@depends on patch@
position q : script:python () { pos(q) in conv };
@@
(
- PAGE_SHIFT@q
+ PG_SHIFT
|
- PAGE_SIZE@q
+ PG_SIZE
)

@c depends on !patch@
position q : script:python () { pos(q) in conv };
@@
(
* PAGE_SHIFT@q
|
* PAGE_SIZE@q
)

@script:python depends on org@
p << c.q;
@@
emit(True, p)

@script:python depends on report@
p << c.q;
@@
emit(False, p)
