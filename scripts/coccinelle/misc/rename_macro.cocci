// SPDX-License-Identifier: GPL-2.0-only
/// Rename a macro: its #define and every use of the name.
///
//# Used to move existing macros out of the way of new names, for example
//# an architecture's own PTE_SHIFT before a generic PTE_SHIFT is
//# introduced. The names are given on the command line; without them, no
//# rule applies. For example, with COCCI set to this script:
//#
//#   make coccicheck MODE=patch COCCI=$COCCI M=arch/x86 \
//#        SPFLAGS="-D old=PTE_SHIFT -D new=PTE_INDEX_BITS"
//#
//# The Options below (which make coccicheck passes on) keep the layout:
//# no line is re-indented or re-wrapped, so a longer name never moves
//# code to another line, which would change __LINE__ and with it the
//# generated code.
//#
//# Coccinelle does not parse assembly: uses in .S files are not seen by
//# this script and have to be found with git grep.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments:
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
seen = set()


def emit(org, msg, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

// Only the name is replaced: the body and the spacing of the #define stay
// as they are (with --smpl-spacing).
@define depends on patch@
identifier virtual.old;
identifier virtual.new;
@@
-#define old
+#define new

@rdefine depends on !patch@
identifier virtual.old;
position p;
@@
*#define old@p

// A cast in front of the name is replaced with it: replacing the name
// alone makes Coccinelle print a space after the cast.
@cast depends on patch@
identifier virtual.old;
identifier virtual.new;
type T;
@@
- (T)old
+ (T)new

@rcast depends on !patch@
identifier virtual.old;
type T;
position p;
@@
* (T)old@p

@use depends on patch@
identifier virtual.old;
identifier virtual.new;
@@
- old
+ new

// Patch mode has already replaced the casts' names when this rule runs.
@ruse depends on !patch@
identifier virtual.old;
position p != rcast.p;
@@
* old@p

@script:python depends on org@
p << rdefine.p;
@@
emit(True, "definition of the macro to rename", p)

@script:python depends on report@
p << rdefine.p;
@@
emit(False, "definition of the macro to rename", p)

@script:python depends on org@
p << rcast.p;
@@
emit(True, "use of the macro to rename", p)

@script:python depends on report@
p << rcast.p;
@@
emit(False, "use of the macro to rename", p)

@script:python depends on org@
p << ruse.p;
@@
emit(True, "use of the macro to rename", p)

@script:python depends on report@
p << ruse.p;
@@
emit(False, "use of the macro to rename", p)
