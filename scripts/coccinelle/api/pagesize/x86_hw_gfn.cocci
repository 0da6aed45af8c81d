// SPDX-License-Identifier: GPL-2.0-only
/// KVM's guest frame numbers and guest addresses on x86 count the
/// architectural 4K page: shifts, masks and steps of a gfn_t, gpa_t or
/// gva_t by PAGE_* use X86_HW_PAGE_*.
///
//# Rule "Hardware, firmware and hypervisor units" of
//# Documentation/mm/page-sizes.rst: what the x86 architecture defines in
//# 4K units says X86_HW_PAGE_SHIFT, X86_HW_PAGE_SIZE and X86_HW_PAGE_MASK,
//# and x86 KVM's gfns are such units: a guest maps 4K pages through its
//# own page tables and EPT/NPT, whatever order-0 size the host kernel
//# uses. Matched, by C type (gfn_t, gpa_t, gva_t):
//#
//#	gpa >> PAGE_SHIFT, gva >> PAGE_SHIFT
//#	gfn << PAGE_SHIFT, (gpa_t)gfn << PAGE_SHIFT
//#	gpa & PAGE_MASK, gpa & ~PAGE_MASK
//#	gpa += PAGE_SIZE, gpa + PAGE_SIZE, gva += PAGE_SIZE, gva + PAGE_SIZE
//#	gfn = x >> PAGE_SHIFT	(x an address turned into a gfn)
//#	gpa = x << PAGE_SHIFT	(x a frame turned into a gpa)
//#
//# Only a value whose declared type says it is a guest frame or address
//# is matched; a u64 that holds one is not. hpa_t is not matched either:
//# a host physical address is shifted into a struct page frame (PG_SHIFT)
//# as often as into an SPTE frame (PTE_SHIFT). Run it on arch/x86/kvm/
//# only: X86_HW_PAGE_* is x86's, and generic KVM (virt/kvm/,
//# include/linux/kvm_host.h) needs a gfn unit of its own.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change: X86_HW_PAGE_SHIFT == PAGE_SHIFT == 12 on x86.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// r and r2 find the conversions in every mode and the scripts after
// them put each in conv; the patch rule and its read-only twin (depends
// on !patch) change or star those, and org and report mode list one
// entry per starred line.

@initialize:python@
@@
msg = "guest frame or address by PAGE_*: use X86_HW_PAGE_*"
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


# (file, line, column) of every PAGE_* to convert.
conv = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)

@r@
typedef gfn_t, gpa_t, gva_t;
{gpa_t, gva_t} A;
gfn_t G;
expression E;
type T;
position ps, pm, pz;
@@
(
  A >> PAGE_SHIFT@ps
|
  G << PAGE_SHIFT@ps
|
  (T)G << PAGE_SHIFT@ps
|
  G = E >> PAGE_SHIFT@ps
|
  A = E << PAGE_SHIFT@ps
|
  A & PAGE_MASK@pm
|
  A & ~PAGE_MASK@pm
|
  A += PAGE_SIZE@pz
|
  A + PAGE_SIZE@pz
)

@r2@
typedef gfn_t, gpa_t;
identifier G, A;
expression E;
position ps;
@@
(
  gfn_t G = E >> PAGE_SHIFT@ps;
|
  gpa_t A = E << PAGE_SHIFT@ps;
)

@script:python@
ps << r.ps;
@@
conv.add(pos(ps))

@script:python@
pm << r.pm;
@@
conv.add(pos(pm))

@script:python@
pz << r.pz;
@@
conv.add(pos(pz))

@script:python@
ps << r2.ps;
@@
conv.add(pos(ps))

@depends on patch@
position q : script:python () { pos(q) in conv };
@@
(
- PAGE_SHIFT@q
+ X86_HW_PAGE_SHIFT
|
- PAGE_MASK@q
+ X86_HW_PAGE_MASK
|
- PAGE_SIZE@q
+ X86_HW_PAGE_SIZE
)

@c depends on !patch@
position q : script:python () { pos(q) in conv };
@@
(
* PAGE_SHIFT@q
|
* PAGE_MASK@q
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
