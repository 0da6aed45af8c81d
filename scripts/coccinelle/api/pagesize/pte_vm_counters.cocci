// SPDX-License-Identifier: GPL-2.0-only
/// The per-mm counters of mapped memory (total_vm, data_vm, exec_vm,
/// stack_vm, locked_vm) and the overcommit charges count the PTE_SIZE
/// units of VMA lengths: shifts by PAGE_SHIFT into and out of them use
/// PTE_SHIFT.
///
//# Rule "vm_pgoff and per-mm counters" of Documentation/mm/page-sizes.rst:
//# a VMA's length is a multiple of PTE_SIZE, so the per-mm counters derived
//# from VMA lengths, the rlimits they are checked against (RLIMIT_AS,
//# RLIMIT_DATA, RLIMIT_MEMLOCK), vm_committed_as, and the counts handed to
//# may_expand_vm(), vm_stat_account(), acct_stack_growth(),
//# vm_acct_memory(), vm_unacct_memory(), security_vm_enough_memory_mm()
//# and mlock_future_ok() are in PTE_SIZE units. Matched:
//#
//#	mm->total_vm += len >> PAGE_SHIFT	(also -=, and the other counters)
//#	(mm->data_vm + npages) << PAGE_SHIFT
//#	mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT
//#		(a limit compared with an expression that names a counter)
//#	may_expand_vm(mm, flags, len >> PAGE_SHIFT),
//#	vm_stat_account(mm, flags, len >> PAGE_SHIFT),
//#	acct_stack_growth(vma, size, grow >> PAGE_SHIFT),
//#	vm_acct_memory(len >> PAGE_SHIFT), vm_unacct_memory(len >> PAGE_SHIFT),
//#	security_vm_enough_memory_mm(mm, len >> PAGE_SHIFT),
//#	mlock_future_ok(mm, flags, grow << PAGE_SHIFT)
//#	V = x >> PAGE_SHIFT
//#		(V a local variable the same function hands to one of these
//#		in that place)
//#
//# The limit that __vm_enough_memory() and vm_commit_limit() compare the
//# charges with is built from totalram_pages(), in order-0 pages: that is
//# a logic change, and those functions are not touched. mlock()'s own
//# limit checks compare a locked length with locked_vm through local
//# variables the script does not follow; they are left too.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PTE_SHIFT == PAGE_SHIFT.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The rules up to c3 find the conversions in every mode and the scripts
// after them put each PAGE_SHIFT to convert in conv; the patch rule and
// its read-only twin (depends on !patch) change or star those, and org
// and report mode list one entry per starred line.

@initialize:python@
@@
import re

msg = "per-mm counter or overcommit charge shifted by PAGE_SHIFT: use PTE_SHIFT"
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


COUNTER_RE = re.compile(r"->\s*(total_vm|data_vm|exec_vm|stack_vm|locked_vm)\b")
# (file, function, identifier) of every count a function hands to one of
# the accounting calls; (file, line, column) of every PAGE_SHIFT to convert.
counts = set()
conv = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
PAGE_SHIFT

// Counts handed to the accounting calls.
@ca depends on has_tokens@
identifier f = {may_expand_vm, vm_stat_account, acct_stack_growth};
identifier g = {security_vm_enough_memory_mm};
identifier h = {vm_acct_memory, vm_unacct_memory};
expression E1, E2;
identifier V;
position p;
@@
(
  f(E1, E2, V@p)
|
  g(E1, V@p)
|
  h(V@p)
)

@script:python@
V << ca.V;
p << ca.p;
@@
counts.add((p[0].file, p[0].current_element, V))

@c1@
identifier f = {may_expand_vm, vm_stat_account, acct_stack_growth};
identifier g = {security_vm_enough_memory_mm};
identifier h = {vm_acct_memory, vm_unacct_memory};
identifier m = {mlock_future_ok};
identifier fld = {total_vm, data_vm, exec_vm, stack_vm, locked_vm};
struct mm_struct *M;
expression E, E1, E2;
position q;
@@
(
  M->fld += E >> PAGE_SHIFT@q
|
  M->fld -= E >> PAGE_SHIFT@q
|
  M->fld += (E >> PAGE_SHIFT@q)
|
  M->fld -= (E >> PAGE_SHIFT@q)
|
  (M->fld + E) << PAGE_SHIFT@q
|
  f(E1, E2, E >> PAGE_SHIFT@q)
|
  g(E1, E >> PAGE_SHIFT@q)
|
  h(E >> PAGE_SHIFT@q)
|
  m(E1, E2, E << PAGE_SHIFT@q)
)

@script:python@
q << c1.q;
@@
conv.add(pos(q))

@c2@
identifier r = {rlimit, rlimit_max};
expression E, R;
position q;
@@
(
  E > r(R) >> PAGE_SHIFT@q
|
  E >= r(R) >> PAGE_SHIFT@q
|
  E < r(R) >> PAGE_SHIFT@q
|
  E <= r(R) >> PAGE_SHIFT@q
)

@script:python@
E << c2.E;
q << c2.q;
@@
if COUNTER_RE.search(E):
	conv.add(pos(q))

@c3@
identifier V;
expression E;
position p, q;
@@
  V@p = E >> PAGE_SHIFT@q

@script:python@
V << c3.V;
p << c3.p;
q << c3.q;
@@
if (p[0].file, p[0].current_element, V) in counts:
	conv.add(pos(q))

@depends on patch@
position q1 : script:python () { pos(q1) in conv };
@@
- PAGE_SHIFT@q1
+ PTE_SHIFT

@c depends on !patch@
position q1 : script:python () { pos(q1) in conv };
@@
* PAGE_SHIFT@q1

@script:python depends on org@
p << c.q1;
@@
emit(True, p)

@script:python depends on report@
p << c.q1;
@@
emit(False, p)
