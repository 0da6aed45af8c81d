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

# PTE frame numbers (page-sizes.rst, "Frame numbers") count PTE_SIZE
# units, not PG_SIZE: a frame that the same function hands to or takes
# from one of these is not converted here.
PTE_FRAME_API = {"pfn_pte", "pfn_pmd", "pfn_pud", "remap_pfn_range",
		 "io_remap_pfn_range", "vmf_insert_pfn", "vmf_insert_pfn_prot",
		 "vmf_insert_mixed", "vmf_insert_mixed_mkwrite", "vmap_pfn",
		 "follow_pfnmap_start", "track_pfn_remap", "track_pfn_insert",
		 "vm_iomap_memory"}
PTE_FRAME_GET = ("pte_pfn", "pmd_pfn", "pud_pfn", "swp_offset_pfn")
GET_RE = re.compile(r"\b(" + "|".join(PTE_FRAME_GET) + r")\s*\(")
# (file, function, identifier) of every frame that meets a PTE API.
pte_frames = set()
# (file, line, column) of every kvm_pfn_t shifted (a KVM host frame).
kvm_frames = set()


def pte_frame(p, *es):
	fn = p[0].current_element
	if fn in PTE_FRAME_API:
		return True
	for e in es:
		s = str(e)
		if GET_RE.search(s):
			return True
		for ident in re.findall(r"[A-Za-z_]\w*", s):
			if (p[0].file, fn, ident) in pte_frames:
				return True
	return False

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
PAGE_SHIFT

// Identifiers that reach a PTE-frame API, or come from a PTE entry.
@pa depends on has_tokens@
identifier api = {pfn_pte, pfn_pmd, pfn_pud, remap_pfn_range,
	io_remap_pfn_range, vmf_insert_pfn, vmf_insert_pfn_prot,
	vmf_insert_mixed, vmf_insert_mixed_mkwrite, vmap_pfn,
	follow_pfnmap_start, track_pfn_remap, track_pfn_insert};
identifier V;
position p;
@@
  api(..., <+... V@p ...+>, ...)

@script:python@
V << pa.V;
p << pa.p;
@@
pte_frames.add((p[0].file, p[0].current_element, V))

@pg1 depends on has_tokens@
identifier get = {pte_pfn, pmd_pfn, pud_pfn, swp_offset_pfn};
identifier V;
expression list es;
position p;
@@
  V@p = get(es)

@pg2 depends on has_tokens@
identifier get = {pte_pfn, pmd_pfn, pud_pfn, swp_offset_pfn};
identifier V;
type T;
expression list es;
position p;
@@
  T V@p = get(es);

@script:python@
V << pg1.V;
p << pg1.p;
@@
pte_frames.add((p[0].file, p[0].current_element, V))

@script:python@
V << pg2.V;
p << pg2.p;
@@
pte_frames.add((p[0].file, p[0].current_element, V))

// KVM host frames (kvm_pfn_t) are PTE frames too.
@kv@
typedef kvm_pfn_t;
kvm_pfn_t K;
type T;
position p;
@@
(
  (T)K << PAGE_SHIFT@p
|
  K << PAGE_SHIFT@p
)

@script:python@
p << kv.p;
@@
kvm_frames.add((p[0].file, p[0].line, p[0].column))

@r1@
expression P : script:python () { is_pfn(P) };
position p;
@@
  P << PAGE_SHIFT@p

@script:python@
P << r1.P;
p << r1.p;
@@
if pte_frame(p, P) or (p[0].file, p[0].line, p[0].column) in kvm_frames:
	cocci.include_match(False)

@r2@
expression X : script:python () { is_pfn(X) };
expression E;
position p;
@@
  X = E >> PAGE_SHIFT@p

@script:python@
X << r2.X;
E << r2.E;
p << r2.p;
@@
if pte_frame(p, X, E):
	cocci.include_match(False)

@rf depends on has_tokens@
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

@script:python@
E << rf.E;
p << rf.p;
@@
if pte_frame(p, E):
	cocci.include_match(False)

@depends on patch@
position p1 = {r1.p, r2.p, rf.p};
@@
- PAGE_SHIFT@p1
+ PG_SHIFT

@c depends on !patch@
position p1 = {r1.p, r2.p, rf.p};
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
