/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __ASM_GENERIC_PGSIZE_H
#define __ASM_GENERIC_PGSIZE_H

/*
 * PAGE_SIZE has meant two things. Code should say which one it means:
 *
 * PTE_SHIFT, PTE_SIZE, PTE_MASK: the virtual address span that one PTE
 *	maps (page-table walks, VMA boundaries, TLB flush strides, the page
 *	size user space sees).
 *
 * PG_SHIFT, PG_SIZE, PG_MASK: the size of an order-0 allocation, which
 *	is the memory one struct page describes. PFNs count PG_SIZE units.
 *
 * An architecture whose order-0 pages can be larger than what one PTE
 * maps defines all six in its asm/page.h; everyone else gets aliases of
 * PAGE_SHIFT, PAGE_SIZE and PAGE_MASK here. Those legacy names are only
 * valid while PTE_SHIFT == PG_SHIFT.
 *
 * See Documentation/mm/page-sizes.rst.
 */

#ifndef PTE_SHIFT
#define PTE_SHIFT	PAGE_SHIFT
#define PTE_SIZE	PAGE_SIZE
#define PTE_MASK	PAGE_MASK
#endif

#ifndef PG_SHIFT
#define PG_SHIFT	PAGE_SHIFT
#define PG_SIZE		PAGE_SIZE
#define PG_MASK		PAGE_MASK
#endif

#if !defined(__ASSEMBLY__) && defined(PAGE_SHIFT)
#include <linux/build_bug.h>
/*
 * While PAGE_SHIFT exists, both meanings must agree with it. This also
 * catches an architecture-local PTE_SHIFT or PG_SHIFT with some other
 * meaning that slipped in ahead of the definitions above.
 */
static_assert(PTE_SHIFT == PAGE_SHIFT && PG_SHIFT == PAGE_SHIFT,
	      "PAGE_SHIFT is only valid while PTE_SHIFT == PG_SHIFT");
#endif

#endif /* __ASM_GENERIC_PGSIZE_H */
