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

// Only the name is replaced: the body and the spacing of the #define stay
// as they are (with --smpl-spacing).
@define depends on patch@
identifier virtual.old;
identifier virtual.new;
@@
-#define old
+#define new

// A cast in front of the name is replaced with it: replacing the name
// alone makes Coccinelle print a space after the cast.
@cast depends on patch@
identifier virtual.old;
identifier virtual.new;
type T;
@@
- (T)old
+ (T)new

@use depends on patch@
identifier virtual.old;
identifier virtual.new;
@@
- old
+ new

@depends on context@
identifier virtual.old;
@@
*#define old

@depends on context@
identifier virtual.old;
@@
* old

@rd depends on org || report@
identifier virtual.old;
position p;
@@
#define old@p

@r depends on org || report@
identifier virtual.old;
position p;
@@
 old@p

@script:python depends on org@
p << rd.p;
@@
coccilib.org.print_todo(p[0], "definition of the macro to rename")

@script:python depends on report@
p << rd.p;
@@
coccilib.report.print_report(p[0], "definition of the macro to rename")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "use of the macro to rename")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "use of the macro to rename")
