// SPDX-License-Identifier: GPL-2.0-only
/// MTRR base addresses and sizes count the architectural 4K page: the
/// shifts and masks that turn them into or out of bytes use
/// X86_HW_PAGE_*.
///
//# Rule "Hardware, firmware and hypervisor units" of
//# Documentation/mm/page-sizes.rst. mtrr_add_page() and mtrr_del_page()
//# take a region's base and size "in units of 4 kB", and the callbacks of
//# struct mtrr_ops (set, get, get_free_region, validate_add_page) pass
//# the same units between mtrr.c and the drivers of the MTRR, AMD K6
//# MTRR, Cyrix ARR and Centaur MCR registers, whose address and size
//# fields are in 4K units or coarser ones. Matched:
//#
//#	b << PAGE_SHIFT, -s << (15 - PAGE_SHIFT), b >> (32 - PAGE_SHIFT),
//#	s < (1 << (17 - PAGE_SHIFT)), b & ((1 << (22 - PAGE_SHIFT)) - 1),
//#	*b = x >> PAGE_SHIFT, b <<= PAGE_SHIFT
//#		in mtrr_add_page(), mtrr_del_page() and the functions a
//#		struct mtrr_ops names, where b and s are their base and size
//#		parameters: any PAGE_SHIFT in the right operand of a shift,
//#		mask or comparison whose left operand names b or s, in a
//#		value stored through them, or in a shift assigned to them;
//#	the same for the base and size that mtrr_if->get() returns into
//#	local variables, in the function that calls it;
//#	mtrr_add_page(x >> PAGE_SHIFT, y >> PAGE_SHIFT, ...)
//#		(also mtrr_del_page() and the mtrr_if callbacks): the
//#		arguments in those units;
//#	v >>= PAGE_SHIFT, v = x >> PAGE_SHIFT
//#		where v is then handed to one of those as base or size, and
//#		the v & (PAGE_SIZE - 1) check in front of it that rejects a
//#		byte value that is not a whole number of units.
//#
//# Functions are known by name and operands by the words in them, so a
//# field named like a parameter (gentry.base) counts as naming it; that
//# is why it runs on arch/x86/kernel/cpu/mtrr/ only. mtrr/cleanup.c
//# copies what mtrr_if->get() returns into range_state[] and compares
//# it with the kernel's page frame numbers (max_pfn, e820): a logic
//# change once the units differ, and nothing there matches. Left as
//# well, though they are 4K units too: PAGE_MASK (the script converts
//# PAGE_SHIFT and PAGE_SIZE only), as in generic.c's masks of the
//# PHYSBASE and PHYSMASK fields in get_var_mtrr_state() and
//# generic_get_mtrr(); print_mtrr_state()'s address width; and
//# mtrr_check(), which checks byte values for the 4K granularity in a
//# function of its own before mtrr_add() and mtrr_del() shift them.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change: X86_HW_PAGE_SHIFT == PAGE_SHIFT == 12 on x86.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The rules up to v2 find the conversions in every mode and the scripts
// after them put each in conv; the patch rule and its read-only twin
// (depends on !patch) change or star those, and org and report mode list
// one entry per starred line.

@initialize:python@
@@
import re

msg = "MTRR base or size by PAGE_*: use X86_HW_PAGE_*"
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
# The mtrr_ops callbacks (and the API functions) whose base and size
# parameters come first and second, or second and third.
first = {"mtrr_add_page"}
second = {"mtrr_del_page"}
# function -> (base, size): the names of those parameters, or of the
# local variables that mtrr_if->get() fills.
units = {}
# Functions that assign such a local variable some other value.
tainted = set()


def mentions(e, *names):
	return any(re.search(r"\b%s\b" % re.escape(n), str(e)) for n in names)


def add_if_unit(p, e):
	"""Convert p if e names the base or size of p's function."""
	f = p[0].current_element
	if f in units and f not in tainted and mentions(e, *units[f]):
		conv.add(pos(p))


def pos(q):
	return (q[0].file, q[0].line, q[0].column)

// The callbacks whose base and size come second and third (set, get) or
// first and second (get_free_region, validate_add_page), each named in
// the struct mtrr_ops of its own file.
@o1@
identifier o, f;
identifier fld = {set, get};
@@
struct mtrr_ops o = { .fld = f, };

@script:python@
f << o1.f;
@@
second.add(str(f))

@o2@
identifier o, f;
identifier fld = {get_free_region, validate_add_page};
@@
struct mtrr_ops o = { .fld = f, };

@script:python@
f << o2.f;
@@
first.add(str(f))

// The base and size parameters of the API and of those callbacks, by
// function.
@d1@
identifier f;
identifier R, B, S;
type TR, TB, TS;
@@
f(TR R, TB B, TS S, ...) { ... }

@script:python@
fn << d1.f;
base << d1.B;
size << d1.S;
@@
if str(fn) in second:
	units[str(fn)] = (str(base), str(size))

@d2@
identifier f;
identifier B, S;
type TB, TS;
@@
f(TB B, TS S, ...) { ... }

@script:python@
fn << d2.f;
base << d2.B;
size << d2.S;
@@
if str(fn) in first:
	units[str(fn)] = (str(base), str(size))

// The base and size that mtrr_if->get() returns into local variables:
// in MTRR units in the function that calls it, unless the function also
// assigns them some other value with "=".
@g1@
symbol mtrr_if;
expression R, T;
identifier B, S;
position pg;
@@
mtrr_if->get@pg(R, &B, &S, T)

@script:python@
pg << g1.pg;
base << g1.B;
size << g1.S;
@@
units.setdefault(pg[0].current_element, (str(base), str(size)))

@g2@
identifier I;
expression X;
position pa;
@@
I@pa = X

@script:python@
pa << g2.pa;
I << g2.I;
@@
names = units.get(pa[0].current_element)
if names and str(I) in names and pa[0].current_element not in first | second:
	tainted.add(pa[0].current_element)

// A PAGE_SHIFT across a shift, mask or comparison from an operand that
// names the base or size of the function it is in, or in a value stored
// through them or shifted into them.
@u1@
binary operator bop = {<<, >>, &, <, >, <=, >=};
expression E;
position p;
@@
  E bop <+... PAGE_SHIFT@p ...+>

@script:python@
p << u1.p;
E << u1.E;
@@
add_if_unit(p, E)

@u2@
identifier E;
position p;
@@
  *E = <+... PAGE_SHIFT@p ...+>

@script:python@
p << u2.p;
E << u2.E;
@@
add_if_unit(p, E)

@u3@
assignment operator aop = {<<=, >>=};
identifier E;
position p;
@@
  E aop <+... PAGE_SHIFT@p ...+>

@script:python@
p << u3.p;
E << u3.E;
@@
add_if_unit(p, E)

@u4@
assignment operator aop = {<<=, >>=};
identifier E;
position p;
@@
  *E aop <+... PAGE_SHIFT@p ...+>

@script:python@
p << u4.p;
E << u4.E;
@@
add_if_unit(p, E)

// Arguments in MTRR units.
@a0@
position p;
@@
mtrr_add_page(<+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a0.p;
@@
conv.add(pos(p))

@a1@
expression E0;
position p;
@@
mtrr_add_page(E0, <+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a1.p;
@@
conv.add(pos(p))

@a2@
expression E0;
position p;
@@
mtrr_del_page(E0, <+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a2.p;
@@
conv.add(pos(p))

@a3@
expression E0, E1;
position p;
@@
mtrr_del_page(E0, E1, <+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a3.p;
@@
conv.add(pos(p))

@a4@
expression E0;
symbol mtrr_if;
position p;
@@
mtrr_if->set(E0, <+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a4.p;
@@
conv.add(pos(p))

@a5@
expression E0, E1;
symbol mtrr_if;
position p;
@@
mtrr_if->set(E0, E1, <+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a5.p;
@@
conv.add(pos(p))

@a6@
symbol mtrr_if;
position p;
@@
mtrr_if->get_free_region(<+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a6.p;
@@
conv.add(pos(p))

@a7@
expression E0;
symbol mtrr_if;
position p;
@@
mtrr_if->get_free_region(E0, <+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a7.p;
@@
conv.add(pos(p))

@a8@
symbol mtrr_if;
position p;
@@
mtrr_if->validate_add_page(<+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a8.p;
@@
conv.add(pos(p))

@a9@
expression E0;
symbol mtrr_if;
position p;
@@
mtrr_if->validate_add_page(E0, <+... PAGE_SHIFT@p ...+>, ...)

@script:python@
p << a9.p;
@@
conv.add(pos(p))

// Local variables turned into MTRR units and then handed over as a base
// or size, and the check in front that they are whole units.
@v1 exists@
identifier V;
expression E, X, E1, E2;
type T;
position p;
@@
(
  V >>= PAGE_SHIFT@p;
|
  V = E >> PAGE_SHIFT@p;
)
... when != V = X
(
  mtrr_add_page(V, ...)
|
  mtrr_add_page((T)V, ...)
|
  mtrr_add_page(E1, V, ...)
|
  mtrr_add_page(E1, (T)V, ...)
|
  mtrr_del_page(E1, V, ...)
|
  mtrr_del_page(E1, (T)V, ...)
|
  mtrr_del_page(E1, E2, V)
|
  mtrr_del_page(E1, E2, (T)V)
)

@script:python@
p << v1.p;
@@
conv.add(pos(p))

@v2 exists@
identifier V;
statement S;
position pz, p : script:python () { pos(p) in conv };
@@
if (<+... V & (PAGE_SIZE@pz - 1) ...+>) S
...
V >>= PAGE_SHIFT@p;

@script:python@
pz << v2.pz;
@@
conv.add(pos(pz))

@depends on patch@
position q : script:python () { pos(q) in conv };
@@
(
- PAGE_SHIFT@q
+ X86_HW_PAGE_SHIFT
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
