// SPDX-License-Identifier: GPL-2.0
/*
 * Packed page tables (CONFIG_PT_PACK).
 *
 * Page tables are objects of two slab caches, "pgtable-4k" for tables of
 * PTE_SIZE and "pgtable-8k" for the order-1 PGD of x86 with PTI, whose
 * slabs are at least 64K. Each object carries a slab metadata area
 * (Documentation/mm/slab-obj-meta.rst), and that area is the table's
 * struct ptdesc: 16 tables of 4K share one slab, and each has its own
 * ptdesc, split lock, deposit list and RCU lifetime. A table is returned
 * to its cache only after an RCU grace period that starts when it is
 * freed, so a slot, and the ptdesc in it, are reused only after every
 * lockless walker that could still see the table has finished.
 *
 * See Documentation/mm/pt-pack.rst.
 */

#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <linux/init.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "slab.h"

static struct kmem_cache *pt_pack_cache[2] __ro_after_init;
/* PTE_SHIFT if a pgtable-4k object takes PTE_SIZE (not with generic KASAN) */
static unsigned int pt_pack_shift __ro_after_init;

/*
 * ptdesc->pt_state. A slot's metadata is zeroed when its slab is
 * allocated and kept while the slab lives, so a slot that was never used
 * reads PT_STATE_NEW, and the state survives the slot's time on the
 * slab's freelist.
 */
enum {
	PT_STATE_NEW,		/* never allocated */
	PT_STATE_ALLOCATED,	/* from pagetable_alloc() to pagetable_free() */
	PT_STATE_RCU_PENDING,	/* freed, grace period not over */
	PT_STATE_FREED,		/* back in the cache */
};

#define PT_STATE_MASK		0x0f
#define PT_STATE_DEPOSITED	0x80	/* on a huge PMD's deposit list */

#ifdef CONFIG_DEBUG_VM
static const char *const pt_state_names[] = {
	"new", "allocated", "rcu-pending", "freed",
};

static const char *pt_state_name(const struct ptdesc *pt)
{
	unsigned int state = pt->pt_state & PT_STATE_MASK;

	return state < ARRAY_SIZE(pt_state_names) ? pt_state_names[state] : "bad";
}

/*
 * Report a page-table lifetime error. While a KUnit test runs that holds
 * the named resource "pt_pack_errors", count it there instead, so that
 * the test asserts the number of reports (as slab_add_kunit_errors()
 * does for slab debugging). Only in task context: tables are also freed
 * from RCU callbacks, which may interrupt the test's task.
 */
static void pt_pack_report(const struct ptdesc *pt, const void *addr,
			   const char *what)
{
#if IS_ENABLED(CONFIG_KUNIT)
	struct kunit_resource *resource;

	if (in_task() && kunit_get_current_test()) {
		resource = kunit_find_named_resource(current->kunit_test,
						     "pt_pack_errors");
		if (resource) {
			(*(int *)resource->data)++;
			kunit_put_resource(resource);
			return;
		}
	}
#endif
	if (pt)
		WARN(1, "page table %p: %s (state %s%s)\n", addr, what,
		     pt_state_name(pt),
		     pt->pt_state & PT_STATE_DEPOSITED ? ", deposited" : "");
	else
		WARN(1, "page table %p: %s\n", addr, what);
}

static unsigned int pt_state(const struct ptdesc *pt)
{
	return pt->pt_state & PT_STATE_MASK;
}

static void pt_set_state(struct ptdesc *pt, unsigned int state)
{
	pt->pt_state = (pt->pt_state & ~PT_STATE_MASK) | state;
}

/**
 * ptdesc_lookup_checked - ptdesc_lookup() for virt_to_ptdesc(), checked.
 * @addr: Any address inside a page table, in the direct map.
 *
 * Reports a lookup of memory that is not a packed table, and of a slot
 * whose table was never allocated or has completed its grace period: no
 * walker may still reach such a table. A table whose grace period is
 * pending is found silently, since a lockless walker that saw it before
 * it was unlinked may take its lock, and then sees that it is gone.
 *
 * Return: As ptdesc_lookup().
 */
struct ptdesc *ptdesc_lookup_checked(const void *addr)
{
	struct ptdesc *pt = ptdesc_lookup(addr);

	if (!pt)
		pt_pack_report(NULL, addr, "ptdesc of memory that is not a page table");
	else if (pt_state(pt) == PT_STATE_NEW || pt_state(pt) == PT_STATE_FREED)
		pt_pack_report(pt, addr, "ptdesc of a freed page table");
	return pt;
}

/**
 * pagetable_pack_deposit - Record that a PTE table is deposited or withdrawn.
 * @pt: The ptdesc of the table.
 * @deposited: True in pgtable_trans_huge_deposit(), false when withdrawn.
 *
 * pagetable_free() reports a table that is still deposited for a huge PMD.
 */
void pagetable_pack_deposit(struct ptdesc *pt, bool deposited)
{
	if (deposited == !!(pt->pt_state & PT_STATE_DEPOSITED))
		pt_pack_report(pt, pt->pt_addr, deposited ?
			       "deposited twice" : "withdrawn but not deposited");
	if (deposited)
		pt->pt_state |= PT_STATE_DEPOSITED;
	else
		pt->pt_state &= ~PT_STATE_DEPOSITED;
}

/*
 * A KUnit test that holds the named resource @name changes a path, in
 * its own task only (not in an RCU callback that interrupts it).
 */
static bool pt_pack_kunit_hook(const char *name)
{
#if IS_ENABLED(CONFIG_KUNIT)
	struct kunit_resource *resource;

	if (!in_task() || !kunit_get_current_test())
		return false;
	resource = kunit_find_named_resource(current->kunit_test, name);
	if (!resource)
		return false;
	kunit_put_resource(resource);
	return true;
#else
	return false;
#endif
}

/* A new table in a slot: the slot's previous table must be through its grace period. */
static void pt_check_alloc(const struct ptdesc *pt, const void *addr)
{
	if (pt_state(pt) != PT_STATE_NEW && pt_state(pt) != PT_STATE_FREED)
		pt_pack_report(pt, addr, "slot reused before its grace period ended");
}

/* Return false to leave the table allocated (leaked) rather than corrupt it. */
static bool pt_check_free(struct ptdesc *pt)
{
	if (pt_state(pt) != PT_STATE_ALLOCATED) {
		pt_pack_report(pt, pt->pt_addr, "double free");
		return false;
	}
	if (pt->pt_state & PT_STATE_DEPOSITED) {
		pt_pack_report(pt, pt->pt_addr, "freed while deposited");
		return false;
	}
	pt_set_state(pt, PT_STATE_RCU_PENDING);
	return true;
}

static void pt_check_free_rcu(struct ptdesc *pt)
{
	if (pt_state(pt) != PT_STATE_RCU_PENDING)
		pt_pack_report(pt, pt->pt_addr, "grace period of a table not being freed");
	pt_set_state(pt, PT_STATE_FREED);
}
#else /* !CONFIG_DEBUG_VM */
static void pt_check_alloc(const struct ptdesc *pt, const void *addr)
{
}

static bool pt_check_free(struct ptdesc *pt)
{
	return true;
}

static void pt_check_free_rcu(struct ptdesc *pt)
{
}

static bool pt_pack_kunit_hook(const char *name)
{
	return false;
}

static void pt_set_state(struct ptdesc *pt, unsigned int state)
{
}
#endif /* CONFIG_DEBUG_VM */

/**
 * ptdesc_lookup - Find the ptdesc of a packed page table.
 * @addr: Any address inside the table, in the direct map.
 *
 * Context: Any context. The caller keeps the table alive, by holding a
 * reference to the page-table level above it, its lock or an RCU read
 * section that began while the table was still mapped.
 * Return: The table's ptdesc, or %NULL if @addr is not inside an object
 * of a page-table cache: a table made from memblock before the caches
 * existed, another slab's object, or any other memory.
 */
struct ptdesc *ptdesc_lookup(const void *addr)
{
	struct ptdesc *pt;

	if (unlikely(!pt_pack_cache[0]))
		return NULL;
	/* Inline for the 4K tables, which every walker and fault looks up */
	pt = __kmem_cache_obj_meta(pt_pack_cache[0], addr, pt_pack_shift);
	if (!pt && pt_pack_cache[1])
		pt = kmem_cache_obj_meta(pt_pack_cache[1], addr);
	return pt;
}

/**
 * pagetable_pack_alloc_noprof - Allocate a packed page table.
 * @gfp: GFP flags, as for pagetable_alloc().
 * @order: 0 for a table of PTE_SIZE, 1 for a PGD of two (x86 with PTI).
 *
 * Context: Any context the gfp flags allow.
 * Return: The ptdesc of the new table, zeroed but for pt_addr and
 * pt_order, or %NULL on failure, for an order above 1, and before
 * pagetable_pack_init().
 */
struct ptdesc *pagetable_pack_alloc_noprof(gfp_t gfp, unsigned int order)
{
	struct kmem_cache *s;
	struct ptdesc *pt;
	void *addr;

	if (WARN_ON_ONCE(order >= ARRAY_SIZE(pt_pack_cache)))
		return NULL;
	s = pt_pack_cache[order];
	if (WARN_ON_ONCE(!s))
		return NULL;
	addr = kmem_cache_alloc_noprof(s, gfp & ~(__GFP_COMP | __GFP_HIGHMEM));
	if (!addr)
		return NULL;
	pt = kmem_cache_obj_meta(s, addr);
	pt_check_alloc(pt, addr);
	memset(pt, 0, sizeof(*pt));
	pt->pt_addr = addr;
	pt->pt_order = order;
	pt->__page_type = UINT_MAX;
	pt_set_state(pt, PT_STATE_ALLOCATED);
	return pt;
}

static void pagetable_pack_free_rcu(struct rcu_head *head)
{
	struct ptdesc *pt = container_of(head, struct ptdesc, pt_rcu_head);

	pt_check_free_rcu(pt);
	kmem_cache_free(pt_pack_cache[pt->pt_order], pt->pt_addr);
}

/**
 * pagetable_pack_free - Free a packed page table after a grace period.
 * @pt: The ptdesc of the table.
 *
 * The table goes back to its cache, and its slot and ptdesc can be
 * reused, only after an RCU grace period that starts now. The RCU head
 * is in the ptdesc, not in the table, whose contents a lockless walker
 * may still read.
 *
 * With CONFIG_DEBUG_VM, a double free and the free of a table that is
 * still deposited for a huge PMD are reported, and the table is left
 * allocated.
 *
 * Context: Any context.
 */
void pagetable_pack_free(struct ptdesc *pt)
{
	if (!pt_check_free(pt))
		return;
	/* KUnit: the missing grace period that pt_check_alloc() catches */
	if (pt_pack_kunit_hook("pt_pack_free_now")) {
		kmem_cache_free(pt_pack_cache[pt->pt_order], pt->pt_addr);
		return;
	}
	call_rcu(&pt->pt_rcu_head, pagetable_pack_free_rcu);
}

/**
 * pagetable_pack_stat_mod - Account a packed page table in NR_PAGETABLE.
 * @pt: The ptdesc of the table.
 * @sign: 1 when the table is constructed, -1 when it is destructed.
 *
 * The table is counted on the node of its slab and in the memory cgroup
 * its object is charged to, as one page per PTE_SIZE of table.
 */
void pagetable_pack_stat_mod(struct ptdesc *pt, int sign)
{
	/* NR_PAGETABLE counts pages: a byte count once PG_SIZE > PTE_SIZE */
	BUILD_BUG_ON(PG_SIZE != PTE_SIZE);
	mod_lruvec_kmem_state(pt->pt_addr, NR_PAGETABLE, sign * (1 << pt->pt_order));
}

/**
 * pagetable_pack_init - Create the page-table caches.
 *
 * Called from mm_core_init() once slab is up, before vmalloc_init() and
 * the first page table allocated after boot. Tables allocated before
 * come from memblock and have no ptdesc.
 */
void __init pagetable_pack_init(void)
{
	static const char *const names[] = { "pgtable-4k", "pgtable-8k" };
	unsigned int order;

	BUILD_BUG_ON(ARRAY_SIZE(names) != ARRAY_SIZE(pt_pack_cache));
	for (order = 0; order < ARRAY_SIZE(pt_pack_cache); order++) {
		struct kmem_cache_args args = {
			.align = PTE_SIZE << order,
			.meta_size = sizeof(struct ptdesc),
			.min_slab_order = get_order(SZ_64K),
		};

		/*
		 * No debug flags from slab_debug=: red zones and a free
		 * pointer outside the object would double the stride.
		 * Not tracked by kmemleak: a table is referenced only by
		 * a physical address in its parent entry.
		 */
		pt_pack_cache[order] = kmem_cache_create(names[order],
							 PTE_SIZE << order, &args,
							 SLAB_PANIC | SLAB_NOLEAKTRACE |
							 SLAB_NO_USER_FLAGS);
	}
	if (pt_pack_cache[0]->size == PTE_SIZE)
		pt_pack_shift = PTE_SHIFT;
}

#if IS_ENABLED(CONFIG_PT_PACK_KUNIT_TEST)
#include "pgtable_pack_kunit.c"
#endif
