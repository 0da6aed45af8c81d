#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# ptdesc-audit: every rule fires on a deliberately injected regression (and
# not on the same code written through ptdescs, nor in comments), and the
# count at the series head does not exceed the recorded ceiling, which
# only ever goes down (the goal is 0).
. "$(dirname "$0")/../lib.sh"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/arch/x86/mm" "$t/arch/x86/xen" "$t/arch/x86/include/asm" "$t/mm" "$t/include/linux"
cat >"$t/arch/x86/mm/injected.c" <<'C'
list_for_each_entry(page, &pgd_list, lru) {
pgt_lock = &pgd_page_get_mm(page)->page_table_lock;
return ptlock_ptr(page_ptdesc(pmd_page(*pmd)));
pte_t *pte = (pte_t *)get_zeroed_page(GFP_KERNEL);
free_page((unsigned long)pte);
paravirt_tlb_remove_table(tlb, virt_to_page(pud));
paravirt_tlb_remove_table(tlb, ptdesc_page(ptdesc));
base = alloc_pages(GFP_KERNEL, 0);
		__free_page(base);
		unsigned long new_pud_page = __get_free_page(gfp);
pmd_sv = (pmd_t *)__get_free_page(GFP_KERNEL);
free_page((unsigned long)pmd_sv);
	pmd_t *pmd = pmd_alloc_one(&init_mm, addr);
	pte_free_kernel(&init_mm, pte);
	pagetable_free(ptdesc);
/* list_for_each_entry(page, &pgd_list, lru) in a comment does not count */
list_for_each_entry(ptdesc, &pgd_list, pt_list) {
C
# A function-scoped exemption: vmemmap's struct pages freed in
# free_vmemmap_pages() are not a table (listed, not counted); the same
# call in any other function is.
cat >"$t/arch/x86/mm/hotremove.c" <<'C'
static void __meminit free_vmemmap_pages(struct page *page, int order)
{
	free_pages((unsigned long)page_address(page), order);
}

static void __meminit free_pagetable(void *table)
{
	free_pages((unsigned long)table, 0);
}
C
cat >"$t/arch/x86/include/asm/pgtable_types.h" <<'C'
typedef struct page *pgtable_t;
C
cat >"$t/arch/x86/include/asm/tlb.h" <<'C'
	free_page_and_swap_cache(table);
	free_page_and_swap_cache(ptdesc_page(ptdesc));
	pagetable_free(table);
	tlb_remove_page_ptdesc(tlb, table);
C
cat >"$t/mm/pgtable-generic.c" <<'C'
	list_add(&pgtable->lru, &pmd_huge_pte(mm, pmdp)->lru);
	call_rcu(&page->rcu_head, pte_free_now);
C
cat >"$t/include/linux/mm.h" <<'C'
static inline struct page *pmd_pgtable_page(pmd_t *pmd)
static inline struct ptdesc *pmd_ptdesc(pmd_t *pmd)
{
	return page_ptdesc(pmd_pgtable_page(pmd));
}
static inline struct ptdesc *virt_to_ptdesc(const void *x)
{
	return page_ptdesc(virt_to_page(x));
}
#define pfn_ptdesc(pfn)		page_ptdesc(pfn_to_page(pfn))
C
# A lookup helper's body may go from struct page to ptdesc (not counted);
# a second definition of the same helper is counted (helper-defs).
cat >"$t/include/linux/pgtable.h" <<'C'
#define pmd_pgtable_ptdesc(pmd)	\
	page_ptdesc(pmd_page(pmd))
#define pgtable_ptdesc(pgtable)	(_Generic((pgtable),			\
	struct ptdesc *:	(struct ptdesc *)(pgtable),		\
	struct page *:		page_ptdesc((struct page *)(pgtable))))
static inline struct ptdesc *virt_to_ptdesc(const void *x)
{
	return page_ptdesc(virt_to_page(x));
}
C
cat >"$t/arch/x86/xen/mmu_pv.c" <<'C'
	SetPagePinned(page);
static spinlock_t *xen_pte_lock(struct page *page, struct mm_struct *mm)
		user_ptr = (pgd_t *)page->private;
		free_page((unsigned long)user_pgd);
	new_array = (unsigned long *)__get_free_pages(GFP_KERNEL, order);
	pagetable_set_pinned(virt_to_ptdesc(level3_user_vsyscall));
C
out=$(python3 "$WB_TOP/workbench/ptdesc-audit.py" --dir "$t" --quiet)
printf '%s\n' "$out" | sed 's/^/    > /'
bad=0
while read -r rule count _; do
	case "$rule" in rule | ---* | total | ptdesc-audit:) continue ;; esac
	if [ "$count" -lt 1 ]; then
		echo "FAILED: rule $rule did not fire on its injected line"; bad=1
	fi
done <<<"$out"
got=$(printf '%s\n' "$out" | sed -n 's/^ptdesc-audit: //p')
# The injected files hold exactly one offending line per rule, except:
# tlb-table-page 2 (virt_to_page() and ptdesc_page()), tlb-free-page 2
# (the table and a ptdesc_page()), raw-table-alloc 3 (a cast
# get_zeroed_page(), CPA's alloc_pages() and PTI's bare
# __get_free_page()) and raw-table-free 3 (free_page(), __free_page()
# and free_pagetable()'s free_pages()); plus one helper defined twice.
# The comment, the ptdesc-based walk and pinning, the pgalloc-API and ptdesc-based
# allocation and freeing, Xen's non-table __get_free_pages(), the lookups
# inside the helpers' bodies and pud_free_pmd_page()'s scratch copy
# pmd_sv (not a page table) and free_vmemmap_pages()'s free_pages() must
# not count.
[ "$got" -eq 22 ] || { echo "FAILED: expected 22 hits from the injected lines, got $got"; bad=1; }
listed=$(python3 "$WB_TOP/workbench/ptdesc-audit.py" --dir "$t")
allowed=$(printf '%s\n' "$listed" | grep -c '(not counted) .*\] in [a-z_]*(): ' || true)
[ "$allowed" -eq 4 ] || { echo "FAILED: expected 4 lookups inside helper bodies, listed as not counted, got $allowed"; bad=1; }
exempt=$(printf '%s\n' "$listed" | grep -c '(not counted) .*hotremove.c:3: \[raw-table-free\] in free_vmemmap_pages(), ' || true)
[ "$exempt" -eq 1 ] || { echo "FAILED: free_vmemmap_pages()'s free_pages() is not listed as exempt"; bad=1; }
[ "$bad" -eq 0 ] && echo "ok: every rule catches its injected regression; comments, ptdesc code, helper bodies and the exempt function do not count"

# A helper has one definition for each layout of struct ptdesc: one for
# struct page's (outside "#ifdef CONFIG_PT_PACK" or in its #else) and at
# most one for packed tables. Two for packed tables count; one on each
# side of the #ifdef, or one for struct page's layout only, do not.
l=$(mktemp -d)
mkdir -p "$l/include/linux"
cat >"$l/include/linux/pgtable.h" <<'C'
#ifdef CONFIG_PT_PACK
#define pmd_pgtable_ptdesc(pmd)	virt_to_ptdesc((void *)pmd_page_vaddr(pmd))
#else
#define pmd_pgtable_ptdesc(pmd)	page_ptdesc(pmd_page(pmd))
#endif
#ifndef CONFIG_PT_PACK
#define pfn_ptdesc(pfn)		page_ptdesc(pfn_to_page(pfn))
#endif
static inline struct ptdesc *pmd_ptdesc(pmd_t *pmd)
{
	return virt_to_ptdesc(pmd);
}
#ifdef CONFIG_PT_PACK
#define pmd_ptdesc(pmd)		virt_to_ptdesc(pmd)
#endif
C
layouts=$(python3 "$WB_TOP/workbench/ptdesc-audit.py" --dir "$l" | grep '\[helper-defs\]' || true)
rm -rf "$l"
grep -q '\[helper-defs\] pmd_ptdesc() defined 1 times .* and 2 for packed' <<<"$layouts" ||
	{ echo "FAILED: a second definition for packed tables is not counted"; bad=1; }
grep -q '\[helper-defs\] \(pmd_pgtable_ptdesc\|pfn_ptdesc\)()' <<<"$layouts" &&
	{ echo "FAILED: one definition on each side of #ifdef CONFIG_PT_PACK counted: $layouts"; bad=1; }
[ "$bad" -eq 0 ] && echo "ok: one definition per layout of struct ptdesc passes, a second one for packed tables counts"

ceiling=$(cat "$WB_TOP/workbench/ptdesc-audit.ceiling")
head=$(python3 "$WB_TOP/workbench/ptdesc-audit.py" --tree "$KTREE" --rev "refs/heads/$SERIES_BRANCH" --quiet |
	sed -n 's/^ptdesc-audit: //p')
echo "series head: $head sites (ceiling $ceiling, goal 0)"
if [ "$head" -gt "$ceiling" ]; then
	echo "FAILED: the series adds page-table metadata accesses through struct page"
	python3 "$WB_TOP/workbench/ptdesc-audit.py" --tree "$KTREE" --rev "refs/heads/$SERIES_BRANCH" | tail -n +16
	bad=1
fi
exit $bad
