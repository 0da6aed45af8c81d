// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of packed page tables (CONFIG_PT_PACK_KUNIT_TEST).
 *
 * Included at the end of mm/pgtable_pack.c, so that the tests see the
 * caches and the lifetime states. They run on the kernel's own caches,
 * which other tasks may use at the same time: a test asserts only what
 * holds whatever else is allocated, and takes its tables with migration
 * disabled where it relies on one CPU's slab.
 */

#include <kunit/resource.h>
#include <linux/gfp.h>
#include "slab.h"

#define PT_TEST_TABLES	64

static struct kunit_resource pt_errors_resource;
static int pt_errors;

static int pt_pack_test_init(struct kunit *test)
{
	pt_errors = 0;
	kunit_add_named_resource(test, NULL, NULL, &pt_errors_resource,
				 "pt_pack_errors", &pt_errors);
	return 0;
}

static struct ptdesc *pt_test_alloc(struct kunit *test, gfp_t gfp,
				    unsigned int order)
{
	struct ptdesc *pt = pagetable_alloc(gfp | __GFP_ZERO, order);

	KUNIT_ASSERT_NOT_NULL(test, pt);
	return pt;
}

/* Free tables and wait until their grace periods have ended. */
static void pt_test_free_all(struct ptdesc **pts, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		pagetable_free(pts[i]);
	rcu_barrier();
}

/* How many of the n tables in @pts share the slab of @addr. */
static unsigned int pt_test_in_slab(struct ptdesc **pts, unsigned int n,
				    const void *addr)
{
	struct slab *slab = virt_to_slab(addr);
	unsigned int i, mine = 0;

	for (i = 0; i < n; i++)
		mine += virt_to_slab(ptdesc_address(pts[i])) == slab;
	return mine;
}

/*
 * 64 tables taken on one CPU fill at least one slab completely: each has
 * its own ptdesc, found from any byte of the table (inline and through
 * kmem_cache_obj_meta() alike), and its own lock. A
 * slab of 4K tables holds as many as its size allows, 16 in 64K. Once
 * they are freed and the cache shrunk, the slabs they filled are gone.
 */
static void pt_pack_test_sixteen(struct kunit *test)
{
	struct kmem_cache *s = pt_pack_cache[0];
	unsigned int i, j, full = 0;
	struct ptdesc **pts;
	void **owned;

	pts = kunit_kcalloc(test, PT_TEST_TABLES, sizeof(*pts), GFP_KERNEL);
	owned = kunit_kcalloc(test, PT_TEST_TABLES, sizeof(*owned), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pts);
	KUNIT_ASSERT_NOT_NULL(test, owned);
	migrate_disable();
	for (i = 0; i < PT_TEST_TABLES; i++) {
		pts[i] = pagetable_alloc(GFP_KERNEL | __GFP_ZERO, 0);
		if (!pts[i])
			break;
	}
	migrate_enable();
	KUNIT_ASSERT_EQ(test, i, PT_TEST_TABLES);
	/* the shift path only where an object is PTE_SIZE, not with KASAN */
	KUNIT_EXPECT_EQ(test, pt_pack_shift, s->size == PTE_SIZE ? (unsigned int)PTE_SHIFT : 0U);

	for (i = 0; i < PT_TEST_TABLES; i++) {
		char *addr = ptdesc_address(pts[i]);
		struct slab *slab = virt_to_slab(addr);

		KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)addr, PTE_SIZE));
		KUNIT_EXPECT_PTR_EQ(test, virt_to_ptdesc(addr), pts[i]);
		KUNIT_EXPECT_PTR_EQ(test, virt_to_ptdesc(addr + 123), pts[i]);
		KUNIT_EXPECT_PTR_EQ(test, virt_to_ptdesc(addr + PTE_SIZE - 1), pts[i]);
		/* the inline lookup agrees with the exported one */
		KUNIT_EXPECT_PTR_EQ(test, ptdesc_lookup(addr + 123),
				    (struct ptdesc *)kmem_cache_obj_meta(s, addr + 123));
		KUNIT_EXPECT_EQ(test, pts[i]->pt_order, 0);
		KUNIT_EXPECT_TRUE(test, !memchr_inv(addr, 0, PTE_SIZE));
		KUNIT_ASSERT_TRUE(test, pagetable_pte_ctor(pts[i]));
		KUNIT_EXPECT_TRUE(test, pagetable_is_table(pts[i]));

		KUNIT_ASSERT_NOT_NULL(test, slab);
		KUNIT_EXPECT_PTR_EQ(test, slab->slab_cache, s);
		KUNIT_EXPECT_EQ(test, (unsigned int)slab->objects,
				slab_size(slab) / s->size);
		if (s->size == PTE_SIZE && slab_size(slab) == SZ_64K)
			KUNIT_EXPECT_EQ(test, (unsigned int)slab->objects, 16U);
		/* a slab that holds only this test's tables */
		if (pt_test_in_slab(pts, PT_TEST_TABLES, addr) == slab->objects) {
			owned[i] = addr;
			full++;
		}
	}
	for (i = 0; i < PT_TEST_TABLES; i++)
		for (j = i + 1; j < PT_TEST_TABLES; j++) {
			KUNIT_EXPECT_PTR_NE(test, pts[i], pts[j]);
			KUNIT_EXPECT_PTR_NE(test, ptlock_ptr(pts[i]), ptlock_ptr(pts[j]));
		}
	KUNIT_EXPECT_GT(test, full, 0U);
	kunit_info(test, "object size %u: %u of %u tables in slabs of their own\n",
		   s->size, full, PT_TEST_TABLES);

	for (i = 0; i < PT_TEST_TABLES; i++) {
		pagetable_pte_dtor(pts[i]);
		KUNIT_EXPECT_FALSE(test, pagetable_is_table(pts[i]));
	}
	pt_test_free_all(pts, PT_TEST_TABLES);
	kmem_cache_shrink(s);
	for (i = 0; i < PT_TEST_TABLES; i++) {
		struct slab *slab;

		if (!owned[i])
			continue;
		slab = virt_to_slab(owned[i]);
		KUNIT_EXPECT_TRUE(test, !slab || slab->slab_cache != s);
	}
	KUNIT_EXPECT_EQ(test, pt_errors, 0);
}

/*
 * The order-1 PGD of x86 with PTI is one 8K object, 8K-aligned, so that
 * its user half is the kernel half with bit 12 set; both halves find the
 * one ptdesc, which accounts for both pages.
 */
static void pt_pack_test_pgd_pair(struct kunit *test)
{
	struct ptdesc *pt = pt_test_alloc(test, GFP_KERNEL, 1);
	char *addr = ptdesc_address(pt);

	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)addr, 2 * PTE_SIZE));
	KUNIT_EXPECT_EQ(test, pt->pt_order, 1);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_ptdesc(addr), pt);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_ptdesc(addr + PTE_SIZE), pt);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_ptdesc(addr + 2 * PTE_SIZE - 1), pt);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_slab(addr)->slab_cache, pt_pack_cache[1]);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(addr, 0, 2 * PTE_SIZE));
	pagetable_pgd_ctor(pt);
	KUNIT_EXPECT_TRUE(test, pagetable_is_table(pt));
	pagetable_pgd_dtor(pt);
	pt_test_free_all(&pt, 1);
	KUNIT_EXPECT_EQ(test, pt_errors, 0);
}

/*
 * A freed table is not handed out again before its grace period has
 * ended, and a reader inside an RCU read section that began before the
 * free still sees its contents.
 */
static void pt_pack_test_rcu_reuse(struct kunit *test)
{
	struct ptdesc *pt = pt_test_alloc(test, GFP_KERNEL, 0);
	struct ptdesc **others;
	char *addr = ptdesc_address(pt);
	unsigned int i, n;

	others = kunit_kcalloc(test, PT_TEST_TABLES, sizeof(*others), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, others);
	memset(addr, 0x5a, PTE_SIZE);

	migrate_disable();
	rcu_read_lock();
	pagetable_free(pt);
	for (n = 0; n < PT_TEST_TABLES; n++) {
		others[n] = pagetable_alloc(GFP_NOWAIT | __GFP_ZERO, 0);
		if (!others[n])
			break;
	}
	KUNIT_EXPECT_TRUE(test, !memchr_inv(addr, 0x5a, PTE_SIZE));
	rcu_read_unlock();
	migrate_enable();

	KUNIT_EXPECT_GT(test, n, 0U);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_PTR_NE(test, (char *)ptdesc_address(others[i]), addr);
	pt_test_free_all(others, n);
	KUNIT_EXPECT_EQ(test, pt_errors, 0);
}

/*
 * A table is typed and untyped in its ptdesc, while the slab's page stays
 * a slab page.
 */
static void pt_pack_test_type(struct kunit *test)
{
	struct ptdesc *pt = pt_test_alloc(test, GFP_KERNEL, 0);

	KUNIT_EXPECT_FALSE(test, pagetable_is_table(pt));
	KUNIT_EXPECT_EQ(test, pt->__page_type, UINT_MAX);
	pagetable_pud_ctor(pt);
	KUNIT_EXPECT_TRUE(test, pagetable_is_table(pt));
	/* the slab page stays a slab page */
	KUNIT_EXPECT_TRUE(test, folio_test_slab(virt_to_folio(ptdesc_address(pt))));
	pagetable_pud_dtor(pt);
	KUNIT_EXPECT_FALSE(test, pagetable_is_table(pt));
	pt_test_free_all(&pt, 1);
	KUNIT_EXPECT_EQ(test, pt_errors, 0);
}

#ifdef CONFIG_DEBUG_VM
/*
 * pagetable_free() twice: one report, and the second free is not done.
 * Both inside one RCU read section, so that the first free's grace period
 * cannot end, and the slot go to another table, in between.
 */
static void pt_pack_test_double_free(struct kunit *test)
{
	struct ptdesc *pt = pt_test_alloc(test, GFP_KERNEL, 0);

	rcu_read_lock();
	pagetable_free(pt);
	KUNIT_EXPECT_EQ(test, pt_errors, 0);
	pagetable_free(pt);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, pt_errors, 1);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, pt_errors, 1);
}

/* A table deposited for a huge PMD is reported, and kept, when freed. */
static void pt_pack_test_free_deposited(struct kunit *test)
{
	struct ptdesc *pt = pt_test_alloc(test, GFP_KERNEL, 0);

	pagetable_pack_deposit(pt, true);
	pagetable_free(pt);
	KUNIT_EXPECT_EQ(test, pt_errors, 1);
	pagetable_pack_deposit(pt, false);
	pt_test_free_all(&pt, 1);
	KUNIT_EXPECT_EQ(test, pt_errors, 1);
}

/*
 * The mutant pagetable_free() that skips the grace period (the KUnit
 * resource "pt_pack_free_now") puts the slot straight back on this
 * CPU's freelist: the next allocation gets it and reports it.
 */
static void pt_pack_test_no_grace_period(struct kunit *test)
{
	static struct kunit_resource free_now;
	struct ptdesc *pt, *again;
	void *addr;

	migrate_disable();
	pt = pagetable_alloc(GFP_NOWAIT | __GFP_ZERO, 0);
	if (!pt) {
		migrate_enable();
		KUNIT_FAIL(test, "no table");
		return;
	}
	addr = ptdesc_address(pt);
	kunit_add_named_resource(test, NULL, NULL, &free_now, "pt_pack_free_now", NULL);
	pagetable_free(pt);
	kunit_remove_resource(test, &free_now);
	again = pagetable_alloc(GFP_NOWAIT | __GFP_ZERO, 0);
	migrate_enable();

	KUNIT_ASSERT_NOT_NULL(test, again);
	KUNIT_EXPECT_PTR_EQ(test, ptdesc_address(again), addr);
	KUNIT_EXPECT_EQ(test, pt_errors, 1);
	pt_test_free_all(&again, 1);
	KUNIT_EXPECT_EQ(test, pt_errors, 1);
}

/* virt_to_ptdesc() of memory that is not a packed table: NULL, reported. */
static void pt_pack_test_not_a_table(struct kunit *test)
{
	void *obj = kunit_kmalloc(test, 64, GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_NULL(test, virt_to_ptdesc(obj));
	KUNIT_EXPECT_EQ(test, pt_errors, 1);
	KUNIT_EXPECT_NULL(test, virt_to_ptdesc(page_address(page)));
	KUNIT_EXPECT_EQ(test, pt_errors, 2);
	__free_page(page);
}
#endif /* CONFIG_DEBUG_VM */

#if IS_ENABLED(CONFIG_SLUB_KUNIT_TEST)
/*
 * When 64K blocks run out, SLUB falls back to slabs of the minimum order,
 * one table each (the slab KUnit hook "slab_fail_order"): tables still
 * come, each with its ptdesc, and free cleanly.
 */
static void pt_pack_test_fallback(struct kunit *test)
{
	static struct kunit_resource fail_order;
	static struct kmem_cache *fail_cache;
	struct ptdesc **pts;
	unsigned int i, n, single = 0;

	pts = kunit_kcalloc(test, 4 * PT_TEST_TABLES, sizeof(*pts), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pts);
	fail_cache = pt_pack_cache[0];
	kunit_add_named_resource(test, NULL, NULL, &fail_order,
				 "slab_fail_order", &fail_cache);
	for (n = 0; n < 4 * PT_TEST_TABLES && !single; n++) {
		char *addr;

		pts[n] = pagetable_alloc(GFP_KERNEL | __GFP_ZERO, 0);
		if (!pts[n])
			break;
		addr = ptdesc_address(pts[n]);
		KUNIT_EXPECT_PTR_EQ(test, virt_to_ptdesc(addr + PTE_SIZE / 2), pts[n]);
		KUNIT_EXPECT_TRUE(test, !memchr_inv(addr, 0, PTE_SIZE));
		single += virt_to_slab(addr)->objects == 1;
	}
	kunit_remove_resource(test, &fail_order);
	KUNIT_EXPECT_EQ(test, single, 1U);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE(test, pagetable_pte_ctor(pts[i]));
	for (i = 0; i < n; i++)
		pagetable_pte_dtor(pts[i]);
	pt_test_free_all(pts, n);
	KUNIT_EXPECT_EQ(test, pt_errors, 0);
}
#endif

static struct kunit_case pt_pack_test_cases[] = {
	KUNIT_CASE(pt_pack_test_sixteen),
	KUNIT_CASE(pt_pack_test_pgd_pair),
	KUNIT_CASE(pt_pack_test_rcu_reuse),
	KUNIT_CASE(pt_pack_test_type),
#ifdef CONFIG_DEBUG_VM
	KUNIT_CASE(pt_pack_test_double_free),
	KUNIT_CASE(pt_pack_test_free_deposited),
	KUNIT_CASE(pt_pack_test_no_grace_period),
	KUNIT_CASE(pt_pack_test_not_a_table),
#endif
#if IS_ENABLED(CONFIG_SLUB_KUNIT_TEST)
	KUNIT_CASE(pt_pack_test_fallback),
#endif
	{}
};

static struct kunit_suite pt_pack_test_suite = {
	.name = "pt_pack",
	.init = pt_pack_test_init,
	.test_cases = pt_pack_test_cases,
};

kunit_test_suite(pt_pack_test_suite);
