// SPDX-License-Identifier: GPL-2.0-only
/// zsmalloc, z3fold and zbud carve order-0 pages into compressed
/// objects: their PAGE_SIZE, PAGE_SHIFT, PAGE_MASK and offset_in_page()
/// are the size, shift, mask and offsets of those pages. Use PG_SIZE,
/// PG_SHIFT, PG_MASK and offset_in_pg().
///
//# Rules "the size of the memory behind page_address(page)" and
//# "memmap, and pfn/page conversion" of Documentation/mm/page-sizes.rst,
//# applied to the three zpool allocators of mm/ as a whole. Apart from
//# slab memory for their metadata, each gets its memory one order-0
//# page at a time from alloc_page(), reaches it through kmap_atomic()
//# (which, like kmap_local_page(), maps the whole page), page_address()
//# or virt_to_page(), and lays its objects, headers and chunks out
//# inside that page. Every PAGE_* in them is about such a page:
//#
//#	the object and chunk layout of a page (zbud's and z3fold's
//#	CHUNK_SHIFT, NCHUNKS and TOTAL_CHUNKS, zsmalloc's size classes
//#	and ZS_MAX_ALLOC_SIZE);
//#	an offset inside a page, and the split of an object that
//#	straddles two pages of a zspage;
//#	the header at the start of a page, found from a handle inside
//#	it (handle & PAGE_MASK; z3fold keeps its buddy bits below
//#	PAGE_SHIFT);
//#	the frame bits of zsmalloc's object location, which holds
//#	page_to_pfn() of the page (a struct page frame).
//#
//# That is a statement about each whole file, which no pattern over its
//# lines can check: a name list of other ways to get or map memory
//# (the first two versions of this script) always missed some, and
//# PAGE_SIZE as a buffer size or a VMA offset needs no call at all. So
//# the statement was checked by reading the three files whole, and the
//# script converts a file only when its text is exactly the text that
//# was read: FILES below holds the git blob hash of each (at the parent
//# of the commit this script made). Any other text, a later version of
//# these files included, is not converted; it needs a new reading, and
//# a new hash here, not a rerun.
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// The patch rule and its read-only twin (depends on !patch) change or
// star every PAGE_* of the files that were read, and org and report
// mode list one entry per starred line.

@initialize:python@
@@
import hashlib

msg = "zpool allocator page: use PG_SIZE, PG_SHIFT, PG_MASK or offset_in_pg()"
seen = set()
# The git blob hash of each file as it was read, and its name there.
FILES = {
	"5b71d1846e3d3f379972cda0249a3fac4b6023f5": "mm/zsmalloc.c",
	"ea91a2f866e1e0f6b84e039d97c754f518e0f044": "mm/z3fold.c",
	"e9836fff9438112f9dd2fe25bc30925f49df0665": "mm/zbud.c",
}
# file -> whether its text is one that was read.
files = {}


def read(f):
	"""f is, byte for byte, one of the files that were read."""
	if f not in files:
		data = open(f, "rb").read()
		h = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
		files[f] = h in FILES and f.endswith(FILES[h])
	return files[f]


def ok(q):
	return read(q[0].file)


def emit(org, *ps):
	for p in ps:
		for q in p:
			if (q.file, q.line) not in seen:
				seen.add((q.file, q.line))
				if org:
					coccilib.org.print_todo(q, msg)
				else:
					coccilib.report.print_report(q, msg)

@depends on patch@
position q : script:python () { ok(q) };
expression X;
@@
(
- PAGE_SIZE@q
+ PG_SIZE
|
- PAGE_SHIFT@q
+ PG_SHIFT
|
- PAGE_MASK@q
+ PG_MASK
|
- offset_in_page@q(X)
+ offset_in_pg(X)
)

@r depends on !patch@
position q : script:python () { ok(q) };
expression X;
@@
(
* PAGE_SIZE@q
|
* PAGE_SHIFT@q
|
* PAGE_MASK@q
|
* offset_in_page@q(X)
)

@script:python depends on org@
q << r.q;
@@
emit(True, q)

@script:python depends on report@
q << r.q;
@@
emit(False, q)
