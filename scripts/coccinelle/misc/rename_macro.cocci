// SPDX-License-Identifier: GPL-2.0-only
/// Rename a macro: its #define and every use of the name.
///
//# Used to move existing macros out of the way of new names, for example
//# an architecture's PTE_SHIFT before <linux/pgtable_types.h>-level
//# PTE_SHIFT/PTE_SIZE/PG_SIZE are introduced. The names are given on the
//# command line; without them, no rule applies. For example, with
//# COCCI set to this script:
//#
//#   make coccicheck MODE=patch COCCI=$COCCI M=arch/x86 \
//#        SPFLAGS="-D old=PTE_SHIFT -D new=PTE_INDEX_BITS"
//#
//# Coccinelle does not parse assembly: uses in .S files are reported by
//# nothing here and must be found with git grep.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments:
// Options: --include-headers

virtual patch
virtual context
virtual org
virtual report

@define depends on patch@
identifier virtual.old;
identifier virtual.new;
expression e;
@@
-#define old e
+#define new e

@use depends on patch@
identifier virtual.old;
identifier virtual.new;
@@
- old
+ new

@r depends on context || org || report@
identifier virtual.old;
position p;
@@
 old@p

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "use of the macro to rename")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "use of the macro to rename")
