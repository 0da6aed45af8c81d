// SPDX-License-Identifier: GPL-2.0-only
/// A value that x86 KVM hands to a parameter declared gfn_t or gpa_t,
/// returns as a gfn_t, or takes as the offset inside a guest page of a
/// gpa_t or gva_t counts the architectural 4K page: its PAGE_* is
/// X86_HW_PAGE_*.
///
//# Rule "Hardware, firmware and hypervisor units" of
//# Documentation/mm/page-sizes.rst: x86 KVM's gfns and guest addresses
//# count the architectural 4K page, whatever order-0 size the host uses.
//# x86_hw_gfn.cocci converts values whose own type says so; this one
//# converts the values that an interface types. Matched:
//#
//#	F(V, E >> PAGE_SHIFT, ...), F(V, E << (C - PAGE_SHIFT), ...)
//#		F one of the functions of rule arg below, whose second
//#		parameter is declared gfn_t where F is defined
//#		(virt/kvm/kvm_main.c, arch/x86/kvm/mmu/mmu.c; the prototype
//#		of kvm_vcpu_map() in kvm_host.h says gpa_t, its definition
//#		gfn_t): the shift makes the guest frame F takes
//#	G(V, E, PAGE_SIZE, ...)
//#		G one of the functions of rule size below, whose third
//#		parameter is a gpa_t size or alignment of guest memory
//#	return E >> PAGE_SHIFT;, return (E << (C - PAGE_SHIFT)) - 1;
//#		in a function declared to return gfn_t (the last gfn below
//#		2^C bytes); C names no PAGE_* macro, here and in F's
//#		argument
//#	A & (PAGE_SIZE - 1)
//#		A a variable declared gpa_t or gva_t: the offset inside its
//#		guest page
//#	T O = A & (PAGE_SIZE - 1);
//#	T2 C = min(E, (T3)PAGE_SIZE - O);
//#	and
//#	O = A & (PAGE_SIZE - 1);
//#	if (WARN_ON(O + E > PAGE_SIZE))
//#		E2 = (T)PAGE_SIZE - O;
//#		the rest of that guest page, in the statement right after
//#		the one that sets O
//#
//# A listed function counts only where the calling function has no
//# parameter or local of its name, the file does not define or declare
//# it with another parameter type (named or not) nor define a macro of
//# that name, and the call is in a function (not a macro). The casts
//# in rst1 and rst2 are optional.
//#
//# Run it on arch/x86/kvm/ only, like x86_hw_gfn.cocci: X86_HW_PAGE_* is
//# x86's, and generic KVM (virt/kvm/, include/linux/kvm_host.h) needs a
//# gfn unit of its own. Not matched: lengths declared as plain integers
//# (kvm_read_guest()'s len, kvm_gpc_refresh()'s), offset_in_page() and
//# PAGE_ALIGNED() of a gpa_t (their result types are the kernel's), and
//# the FNAME() functions of mmu/paging_tmpl.h, which do not parse.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change: X86_HW_PAGE_SHIFT == PAGE_SHIFT == 12 on x86.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The match rules put the position of every PAGE_* to convert in conv;
// the patch rule and its read-only twin (depends on !patch) change or
// star those, and org and report mode list one entry per starred line.

@initialize:python@
@@
import re

msg = "guest frame, size or page offset through a KVM interface by PAGE_*: use X86_HW_PAGE_*"
seen = set()
# (file, line, column) of every PAGE_* to convert.
conv = set()
# A function is (file, name, line of its definition), as fn() gives it.
# Functions declared to return gfn_t.
gfn_fns = set()
# (file, F): a listed function that the file defines or declares with
# a parameter of another type where the rule expects gfn_t or gpa_t.
badf = set()
# The functions defined in the files, as fn() gives them.
funcs = set()
# Locals declared in a function, and its parameters: (file, function, O).
locs = set()
params = set()
# A listed callee: position -> (file, function, name called); a local or
# parameter of that name is not the listed function.
callee = {}


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def fn(q):
	return (q[0].file, q[0].current_element, q[0].current_element_line)


def macro_named(path, name):
	"""The file defines a macro of that name."""
	try:
		text = open(path, errors="replace").read()
	except OSError:
		return True
	return re.search(r"^\s*#\s*define\s+" + re.escape(name) + r"\b", text, re.M) is not None


def arg_ok(q):
	c = callee.get(pos(q))
	return c is not None and c[:3] in funcs and c not in params and c not in locs \
		and (c[0], c[3]) not in badf and not macro_named(c[0], c[3])


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
\(PAGE_SHIFT\|PAGE_SIZE\)

@arg@
identifier F = {kvm_vcpu_map, kvm_vcpu_read_guest_page, kvm_vcpu_mark_page_dirty,
		gfn_to_page, kvm_vcpu_is_visible_gfn, mmu_alloc_root};
expression V, E;
expression C : script:python () { "PAGE_" not in str(C) };
position p;
@@
(
  F(V, E >> PAGE_SHIFT@p, ...)
|
  F(V, E << (C - PAGE_SHIFT@p), ...)
)

@script:python@
F << arg.F;
p << arg.p;
@@
callee[pos(p)] = fn(p) + (F,)

@size@
identifier G = {kvm_vcpu_is_legal_aligned_gpa, kvm_prepare_memory_fault_exit};
expression V, E;
position p;
@@
  G(V, E, PAGE_SIZE@p, ...)

@script:python@
G << size.G;
p << size.p;
@@
callee[pos(p)] = fn(p) + (G,)

@gfnf@
typedef gfn_t;
identifier f;
position pf;
@@
gfn_t f@pf(...) { ... }

@script:python@
f << gfnf.f;
pf << gfnf.pf;
@@
gfn_fns.add(fn(pf))

@ret@
expression E;
expression C : script:python () { "PAGE_" not in str(C) };
position p;
@@
(
  return E >> PAGE_SHIFT@p;
|
  return (E << (C - PAGE_SHIFT@p)) - 1;
)

@script:python@
p << ret.p;
@@
if fn(p) in gfn_fns:
	conv.add(pos(p))

@off@
typedef gpa_t, gva_t;
idexpression {gpa_t, gva_t} A;
position p;
@@
  A & (PAGE_SIZE@p - 1)

@script:python@
p << off.p;
@@
conv.add(pos(p))

// The rest of the guest page, right after the statement that takes the
// offset.
@rst1@
idexpression {gpa_t, gva_t} A;
identifier O, C;
type T, T2, T3;
expression E;
position p1, p2;
@@
  T O = A & (PAGE_SIZE@p1 - 1);
  T2 C = min(E, (T3)PAGE_SIZE@p2 - O);

@script:python@
p1 << rst1.p1;
p2 << rst1.p2;
@@
conv.add(pos(p1))
conv.add(pos(p2))

@rst2@
idexpression {gpa_t, gva_t} A;
identifier O;
expression E, E2;
type T;
position p1, p2, p3;
@@
  O = A & (PAGE_SIZE@p1 - 1);
  if (WARN_ON(O + E > PAGE_SIZE@p2))
    E2 = (T)PAGE_SIZE@p3 - O;

@script:python@
p1 << rst2.p1;
p2 << rst2.p2;
p3 << rst2.p3;
@@
conv.add(pos(p1))
conv.add(pos(p2))
conv.add(pos(p3))

// What a listed name means in the calling function and in the file.
@fdef depends on has_tokens@
identifier f;
position p;
@@
f@p(...) { ... }

@script:python@
p << fdef.p;
@@
funcs.add(fn(p))

@par depends on has_tokens@
identifier f, x;
type T;
position p;
@@
f(..., T x@p, ...) { ... }

@script:python@
x << par.x;
p << par.p;
@@
params.add(fn(p) + (x,))

@loc depends on has_tokens@
identifier O;
type T;
position p;
@@
(
  T O@p;
|
  T O@p = ...;
)

@script:python@
O << loc.O;
p << loc.p;
@@
locs.add(fn(p) + (O,))

@fgfn depends on has_tokens@
identifier F = {kvm_vcpu_map, kvm_vcpu_read_guest_page, kvm_vcpu_mark_page_dirty,
		gfn_to_page, kvm_vcpu_is_visible_gfn, mmu_alloc_root};
type R, T2;
parameter list[1] P1;
identifier b;
position pd;
@@
  R F@pd(P1, T2 b, ...) { ... }

@script:python@
F << fgfn.F;
T2 << fgfn.T2;
pd << fgfn.pd;
@@
if T2 != "gfn_t":
	badf.add((pd[0].file, F))

// Its prototypes too (the first matching definition may be elsewhere).
@fgfnp depends on has_tokens@
identifier F = {kvm_vcpu_map, kvm_vcpu_read_guest_page, kvm_vcpu_mark_page_dirty,
		gfn_to_page, kvm_vcpu_is_visible_gfn, mmu_alloc_root};
type R, T2;
parameter list[1] P1;
identifier b;
position pd;
@@
  R F@pd(P1, T2 b, ...);

@script:python@
F << fgfnp.F;
T2 << fgfnp.T2;
pd << fgfnp.pd;
@@
if T2 != "gfn_t":
	badf.add((pd[0].file, F))

@fgfnpu depends on has_tokens@
identifier F = {kvm_vcpu_map, kvm_vcpu_read_guest_page, kvm_vcpu_mark_page_dirty,
		gfn_to_page, kvm_vcpu_is_visible_gfn, mmu_alloc_root};
type R, T2;
parameter list[1] P1;
position pd;
@@
  R F@pd(P1, T2, ...);

@script:python@
F << fgfnpu.F;
T2 << fgfnpu.T2;
pd << fgfnpu.pd;
@@
if T2 != "gfn_t":
	badf.add((pd[0].file, F))

@fgpa depends on has_tokens@
identifier G = {kvm_vcpu_is_legal_aligned_gpa, kvm_prepare_memory_fault_exit};
type R, T3;
parameter list[2] P2;
identifier b;
position pd;
@@
  R G@pd(P2, T3 b, ...) { ... }

@script:python@
G << fgpa.G;
T3 << fgpa.T3;
pd << fgpa.pd;
@@
if T3 != "gpa_t":
	badf.add((pd[0].file, G))

// Its prototypes too (the first matching definition may be elsewhere).
@fgpap depends on has_tokens@
identifier G = {kvm_vcpu_is_legal_aligned_gpa, kvm_prepare_memory_fault_exit};
type R, T3;
parameter list[2] P2;
identifier b;
position pd;
@@
  R G@pd(P2, T3 b, ...);

@script:python@
G << fgpap.G;
T3 << fgpap.T3;
pd << fgpap.pd;
@@
if T3 != "gpa_t":
	badf.add((pd[0].file, G))

@fgpapu depends on has_tokens@
identifier G = {kvm_vcpu_is_legal_aligned_gpa, kvm_prepare_memory_fault_exit};
type R, T3;
parameter list[2] P2;
position pd;
@@
  R G@pd(P2, T3, ...);

@script:python@
G << fgpapu.G;
T3 << fgpapu.T3;
pd << fgpapu.pd;
@@
if T3 != "gpa_t":
	badf.add((pd[0].file, G))

// A cast is replaced whole, or the new name gets a space after it.
@depends on patch@
position q : script:python () { pos(q) in conv or arg_ok(q) };
type T;
@@
(
- (T)PAGE_SIZE@q
+ (T)X86_HW_PAGE_SIZE
|
- PAGE_SHIFT@q
+ X86_HW_PAGE_SHIFT
|
- PAGE_SIZE@q
+ X86_HW_PAGE_SIZE
)

@r depends on !patch@
position q : script:python () { pos(q) in conv or arg_ok(q) };
@@
(
* PAGE_SHIFT@q
|
* PAGE_SIZE@q
)

@script:python depends on org@
q << r.q;
@@
emit(True, q)

@script:python depends on report@
q << r.q;
@@
emit(False, q)
