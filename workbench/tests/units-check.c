// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of scripts/coccinelle/api/pagesize/units_check.cocci
 * (workbench/units-check.py selftest): every line marked "HIT <kind>"
 * must be reported with that kind, in report, org and context mode, and
 * no other line. Each kind has a twin written in the right unit that
 * must not be reported.
 */
void t_pg_to_pte(struct page *page, struct folio *folio, unsigned int order,
		 size_t size, struct mm_struct *mm, unsigned long addr,
		 pte_t *ptep, pte_t pte)
{
	unsigned long va = (unsigned long)page_address(page);
	long nr = folio_nr_pages(folio);

	set_memory_decrypted(va, 1 << order);		/* HIT pg_to_pte */
	set_ptes(mm, addr, ptep, pte, nr);		/* HIT pg_to_pte */
	set_memory_decrypted(va, PTES_PER_PG << order);	/* clean */
	set_memory_encrypted(va, DIV_ROUND_UP(size, PTE_SIZE));	/* clean */
	__free_pages(page, order);			/* clean */
}

void t_pg_to_pte_more(struct mm_struct *mm, struct folio *folio,
		      struct vm_fault *vmf, unsigned long addr, pte_t pte)
{
	int nr = folio_nr_pages(folio);
	int nr_pages;

	add_mm_counter(mm, MM_ANONPAGES, -HPAGE_PMD_NR);	/* HIT pg_to_pte */
	nr_pages = nr;
	set_ptes(mm, addr, vmf->pte, pte,
		 nr_pages);				/* HIT pg_to_pte */
	add_mm_counter(mm, MM_ANONPAGES, -(HPAGE_PMD_SIZE >> PTE_SHIFT));	/* clean */
	set_ptes(mm, addr, vmf->pte, pte, folio_nr_ptes(folio));	/* clean */
}

void t_pte_to_pg(struct pglist_data *pgdat, unsigned long len,
		 struct folio *folio, struct page *page,
		 struct vm_area_struct *vma, unsigned long addr,
		 pte_t *ptep, pte_t pte, int max_nr)
{
	int nr = folio_pte_batch(folio, addr, ptep, pte, max_nr, 0,
				 NULL, NULL, NULL);

	mod_node_page_state(pgdat, NR_KERNEL_MISC_RECLAIMABLE,
			    len >> PTE_SHIFT);		/* HIT pte_to_pg */
	folio_remove_rmap_ptes(folio, page, nr, vma);	/* HIT pte_to_pg */
	if (nr < folio_nr_pages(folio))			/* HIT batch_cmp */
		return;
	mod_node_page_state(pgdat, NR_KERNEL_MISC_RECLAIMABLE,
			    PFN_UP(len));		/* clean */
	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);	/* clean */
}

int set_pages_ro(struct page *page, int numpages)
{
	unsigned long addr = (unsigned long)page_address(page);

	return set_memory_ro(addr, numpages);		/* HIT page_api_body */
}

int set_pages_rw(struct page *page, int numpages)
{
	unsigned long addr = (unsigned long)page_address(page);

	return set_memory_rw(addr, numpages * PTES_PER_PG);	/* clean */
}

void set_pte_range(struct vm_fault *vmf, struct folio *folio,
		   struct page *page, unsigned int nr, unsigned long addr)
{
	folio_add_file_rmap_ptes(folio, page, nr, vmf->vma);	/* HIT pte_body */
	set_ptes(vmf->vma->vm_mm, addr, vmf->pte, vmf->orig_pte, nr);	/* clean */
}
