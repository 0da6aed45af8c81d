// SPDX-License-Identifier: GPL-2.0-only
/// The memory behind page_address(page) is PG_SIZE bytes long.
///
//# Rule "the size of the memory behind page_address(page)" of
//# Documentation/mm/page-sizes.rst. A struct page describes one order-0
//# allocation, PG_SIZE bytes; the kernel address of that memory comes
//# from page_address() or lowmem_page_address(), or from a kmap of the
//# page: kmap(), kmap_atomic(), kmap_local_page(). A call that is handed
//# that address and PAGE_SIZE in the same argument list (memcpy(),
//# memcmp(), memchr_inv(), clflush_cache_range(), xxhash(), ...) works
//# on the whole page, so the size is PG_SIZE. The address is matched
//# either as the call itself (possibly cast) or as a variable assigned
//# from it and not assigned again before the use.
//#
//# The call must be one that works on the bytes it is given and nothing
//# else: memcpy(), memmove(), memcmp(), memset(), memchr_inv(),
//# copy_mc_to_kernel(), xxhash(), crc32c(), clflush_cache_range(), the
//# KMSAN and KASAN (un)poisoning calls, mempool's element checks and
//# xdr_set_scratch_buffer(). A size handed to anything else may have to
//# match an allocation made elsewhere (pcpu_fc_free() frees what
//# pcpu_fc_alloc() took from memblock, not a buddy page), so it is left.
//#
//# Not matched: an address with an offset added (page_address(page) +
//# off), which is part of a page, and copies to or from user memory
//# (copy_from_user() and friends, not in the list): their other side is
//# user memory, and how much of it a page stands for once PG_SIZE >
//# PTE_SIZE is a decision this rule does not make.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
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
msg = "size of the memory behind page_address(): use PG_SIZE"
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

// The address is the call itself.
@direct depends on patch@
identifier mapf = {page_address, lowmem_page_address, kmap, kmap_atomic, kmap_local_page};
identifier f = {memcpy, memmove, memcmp, memset, memchr_inv, copy_mc_to_kernel,
	xxhash, crc32c, clflush_cache_range, kmsan_unpoison_memory,
	kmsan_check_memory, kmsan_internal_unpoison_memory, kasan_unpoison,
	kasan_poison, __check_element, __poison_element,
	xdr_set_scratch_buffer};
expression P;
type T;
@@
(
  f(...,
(
  mapf(P)
|
  (T)mapf(P)
)
  , ...,
- PAGE_SIZE
+ PG_SIZE
  , ...)
|
  f(...,
- PAGE_SIZE
+ PG_SIZE
  , ...,
(
  mapf(P)
|
  (T)mapf(P)
)
  , ...)
)

@r1 depends on !patch@
identifier mapf = {page_address, lowmem_page_address, kmap, kmap_atomic, kmap_local_page};
identifier f = {memcpy, memmove, memcmp, memset, memchr_inv, copy_mc_to_kernel,
	xxhash, crc32c, clflush_cache_range, kmsan_unpoison_memory,
	kmsan_check_memory, kmsan_internal_unpoison_memory, kasan_unpoison,
	kasan_poison, __check_element, __poison_element,
	xdr_set_scratch_buffer};
expression P;
type T;
position pos;
@@
(
  f(...,
(
  mapf(P)
|
  (T)mapf(P)
)
  , ...,
* PAGE_SIZE@pos
  , ...)
|
  f(...,
* PAGE_SIZE@pos
  , ...,
(
  mapf(P)
|
  (T)mapf(P)
)
  , ...)
)

// The address is a variable set from the call and not set again before
// the use.
@var depends on patch@
identifier mapf = {page_address, lowmem_page_address, kmap, kmap_atomic, kmap_local_page};
identifier f = {memcpy, memmove, memcmp, memset, memchr_inv, copy_mc_to_kernel,
	xxhash, crc32c, clflush_cache_range, kmsan_unpoison_memory,
	kmsan_check_memory, kmsan_internal_unpoison_memory, kasan_unpoison,
	kasan_poison, __check_element, __poison_element,
	xdr_set_scratch_buffer};
expression P, E;
idexpression x;
type T;
@@
(
  x = mapf(P)
|
  x = (T)mapf(P)
)
  ... when != x = E
      when any
(
  f(..., x, ...,
- PAGE_SIZE
+ PG_SIZE
  , ...)
|
  f(...,
- PAGE_SIZE
+ PG_SIZE
  , ..., x, ...)
)

@r2 depends on !patch@
identifier mapf = {page_address, lowmem_page_address, kmap, kmap_atomic, kmap_local_page};
identifier f = {memcpy, memmove, memcmp, memset, memchr_inv, copy_mc_to_kernel,
	xxhash, crc32c, clflush_cache_range, kmsan_unpoison_memory,
	kmsan_check_memory, kmsan_internal_unpoison_memory, kasan_unpoison,
	kasan_poison, __check_element, __poison_element,
	xdr_set_scratch_buffer};
expression P, E;
idexpression x;
type T;
position pos;
@@
(
  x = mapf(P)
|
  x = (T)mapf(P)
)
  ... when != x = E
      when any
(
  f(..., x, ...,
* PAGE_SIZE@pos
  , ...)
|
  f(...,
* PAGE_SIZE@pos
  , ..., x, ...)
)

@script:python depends on org@
pos << r1.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << r1.pos;
@@
emit(False, pos)

@script:python depends on org@
pos << r2.pos;
@@
emit(True, pos)

@script:python depends on report@
pos << r2.pos;
@@
emit(False, pos)
