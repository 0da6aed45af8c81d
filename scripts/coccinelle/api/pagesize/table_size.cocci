// SPDX-License-Identifier: GPL-2.0-only
/// The number of entries in a page table and the alignment of a pointer
/// into one say the table's size, PTE_TABLE_SIZE, PMD_TABLE_SIZE,
/// PUD_TABLE_SIZE or P4D_TABLE_SIZE, not PAGE_SIZE.
///
//# Rule "Page-table size" of Documentation/mm/page-sizes.rst: a table
//# takes X_TABLE_SIZE bytes (4K on x86 whatever PG_SIZE is), which is
//# neither PTE_SIZE nor PG_SIZE. Matched, where T is the entry type of a
//# level (pte_t, pmd_t, pud_t, p4d_t) and X that level:
//#
//#	PAGE_SIZE / sizeof(T), PAGE_SIZE / sizeof(*p)	(p a T *)
//#		the number of entries in a table
//#	(unsigned long)p & (PAGE_SIZE - 1), (unsigned long)p & ~PAGE_MASK
//#		(p a T *) the offset of an entry in its table, which is 0
//#		for a pointer to a table
//#
//# pgd_t is not matched: PGD_TABLE_SIZE has no generic default, because
//# a PGD's size varies across architectures more than the other levels'.
//# Not matched either: a fraction of a table's entries or an index
//# computed from an address that is not typed as an entry pointer, table
//# alignments written as __aligned(PAGE_SIZE), and the start of the table
//# that holds an entry (p & PAGE_MASK): the C code does not say there that
//# the memory is a table. Allocations of a table's memory are left too:
//# the code that frees such a table frees a whole page (page-sizes.rst,
//# "Beyond renames", early page-table allocators).
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while every table is PAGE_SIZE bytes.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The rules up to a2 find the conversions in every mode, and the scripts
// after them record each PAGE_SIZE or ~PAGE_MASK to convert in conv,
// with the level of its table; the patch rules and their read-only twin
// (depends on !patch) change or star those, and org and report mode list
// one entry per starred line.

@initialize:python@
@@
msg = "size or alignment of a page table by PAGE_*: use its PXX_TABLE_SIZE"
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


# The table-size name of the level whose entries have type T.
ENTRY = {"pte_t": "PTE_TABLE_SIZE", "pmd_t": "PMD_TABLE_SIZE",
	 "pud_t": "PUD_TABLE_SIZE", "p4d_t": "P4D_TABLE_SIZE"}

# (file, line, column) of every PAGE_SIZE or PAGE_MASK to convert ->
# the table-size name it becomes.
conv = {}


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def entry(t):
	return ENTRY.get(" ".join(str(t).split()))


def add(q, name):
	if name:
		conv[pos(q)] = name

// The entries of a table.
@e1@
type T;
T *P;
position ps;
@@
(
  PAGE_SIZE@ps / sizeof(T)
|
  PAGE_SIZE@ps / sizeof(*P)
)

@script:python@
ps << e1.ps;
T << e1.T;
@@
add(ps, entry(T))

@script:python@
ps << e1.ps;
P << e1.P;
T << e1.T;
@@
add(ps, entry(T))

// The same where the entry type is not known as a type (a macro in a
// header that does not see the typedef).
@e2@
identifier I =~ "^(pte|pmd|pud|p4d)_t$";
position ps;
@@
  PAGE_SIZE@ps / sizeof(I)

@script:python@
ps << e2.ps;
I << e2.I;
@@
add(ps, entry(I))

// The offset of an entry in its table.
@a2@
type T;
T *P;
position ps, pm;
@@
(
  (unsigned long)P & (PAGE_SIZE@ps - 1)
|
  (unsigned long)P & ~PAGE_MASK@pm
)

@script:python@
ps << a2.ps;
T << a2.T;
@@
add(ps, entry(T))

@script:python@
pm << a2.pm;
T << a2.T;
@@
add(pm, entry(T))

// The conversions: PAGE_SIZE becomes the name in conv, ~PAGE_MASK the
// name minus one.
@t@
position q : script:python () { pos(q) in conv };
@@
(
  PAGE_SIZE@q
|
  ~PAGE_MASK@q
)

@script:python n@
q << t.q;
N;
@@
coccinelle.N = cocci.make_ident(conv[pos(q)])

@depends on patch@
position t.q;
identifier n.N;
@@
(
- PAGE_SIZE@q
+ N
|
- ~PAGE_MASK@q
+ (N - 1)
)

@c depends on !patch@
position q : script:python () { pos(q) in conv };
@@
(
* PAGE_SIZE@q
|
* ~PAGE_MASK@q
)

@script:python depends on org@
p << c.q;
@@
emit(True, p)

@script:python depends on report@
p << c.q;
@@
emit(False, p)
