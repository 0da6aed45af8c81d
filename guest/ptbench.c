// SPDX-License-Identifier: GPL-2.0
/*
 * ptbench: page-table micro-benchmarks for the QEMU guest (make bench).
 *
 *   ptbench [REPS]
 *
 * Every case creates, walks or frees page tables, is run REPS times
 * (default 15), and prints one line
 *
 *   WB-BENCH case=NAME unit=UNIT median=M min=A max=B reps=R
 *
 * with the wall time of one operation in nanoseconds (CLOCK_MONOTONIC of
 * the guest: under TCG that is emulated time, so only the ratio between
 * two kernels booted the same way means something). The memory cases
 * print the page-table bytes the kernel accounts to the process
 * (VmPTE, which is mm_pgtables_bytes()) for a known number of tables:
 *
 *   WB-BENCH-MEM case=NAME tables=N vmpte_kb=K bytes_per_table=B
 *
 * and the memory the system really spends on FOOTPRINT_TABLES tables
 * (MemFree, per-CPU free list, Slab and PageTables deltas while they are
 * held; B counts MemFree and the per-CPU lists):
 *
 *   WB-BENCH-MEM case=pt-footprint tables=N memfree_kb=F pcp_kb=C
 *       slab_kb=S pagetables_kb=P bytes_per_table=B
 *
 * Each case checks what it relies on (data read back, THPs really
 * mapped, tables really accounted) and the exit status is the number of
 * cases that failed; a failed case prints "WB-BENCH-FAIL case=NAME why".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KB 1024UL
#define MB (1024UL * KB)
#define GB (1024UL * MB)
#define PTE_SPAN 4096UL		/* what one x86 PTE maps */
#define TABLE_SPAN (2 * MB)	/* what one x86 PTE table maps */
#define MAX_REPS 101

static int reps = 15;
static int failed;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, const char *unit, uint64_t *ns, int n)
{
	qsort(ns, n, sizeof(*ns), cmp_u64);
	printf("WB-BENCH case=%s unit=%s median=%llu min=%llu max=%llu reps=%d\n",
	       name, unit, (unsigned long long)ns[n / 2],
	       (unsigned long long)ns[0], (unsigned long long)ns[n - 1], n);
	fflush(stdout);
}

static void bench_fail(const char *name, const char *fmt, const char *arg)
{
	printf("WB-BENCH-FAIL case=%s ", name);
	printf(fmt, arg);
	printf("\n");
	fflush(stdout);
	failed++;
}

/*
 * An anonymous mapping of len bytes at an address aligned to align. The
 * guest kernel has THP "always": unless thp is set, the range is
 * MADV_NOHUGEPAGE, so that a fault maps a 4K page from a PTE table.
 */
static char *map_aligned(size_t len, size_t align, int thp)
{
	char *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t a;

	if (p == MAP_FAILED)
		return NULL;
	a = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
	if (a > (uintptr_t)p)
		munmap(p, a - (uintptr_t)p);
	munmap((char *)a + len, (uintptr_t)p + align - a);
	if (madvise((char *)a, len, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE)) {
		munmap((char *)a, len);
		return NULL;
	}
	return (char *)a;
}

/* The value of "KEY: N kB" in a /proc file, or -1. */
static long proc_kb(const char *path, const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long val = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			val = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return val;
}

/* One byte in every 2 MB: one PTE table (and one page) per 2 MB. */
static void touch_sparse(char *p, size_t len, unsigned char tag)
{
	for (size_t off = 0; off < len; off += TABLE_SPAN)
		p[off] = tag;
}

static int check_sparse(const char *p, size_t len, unsigned char tag)
{
	for (size_t off = 0; off < len; off += TABLE_SPAN)
		if (p[off] != (char)tag)
			return -1;
	return 0;
}

/*
 * fault-table / unmap-table: fault in 1 GB sparsely (512 PTE tables,
 * allocated, constructed and accounted), then munmap it (512 tables
 * zapped and freed). Time per table.
 */
static void bench_fault_unmap(void)
{
	const size_t len = 1 * GB;
	const unsigned long tables = len / TABLE_SPAN;
	uint64_t fault[MAX_REPS], unmap[MAX_REPS];

	for (int r = 0; r < reps; r++) {
		char *p = map_aligned(len, GB, 0);
		uint64_t t0, t1, t2;

		if (!p)
			return bench_fail("fault-table", "mmap: %s", strerror(errno));
		t0 = now_ns();
		touch_sparse(p, len, r + 1);
		t1 = now_ns();
		if (check_sparse(p, len, r + 1)) {
			munmap(p, len);
			return bench_fail("fault-table", "%s", "data read back differs");
		}
		t2 = now_ns();
		munmap(p, len);
		unmap[r] = (now_ns() - t2) / tables;
		fault[r] = (t1 - t0) / tables;
	}
	report("fault-table", "ns/table", fault, reps);
	report("unmap-table", "ns/table", unmap, reps);
}

/*
 * fork-exit: a process holding 256 MB with one page per 2 MB (128 PTE
 * tables of anonymous memory, which fork copies) forks; the child exits
 * at once and the parent waits. Time per fork+exit+wait.
 */
static void bench_fork(void)
{
	const size_t len = 256 * MB;
	uint64_t ns[MAX_REPS];
	char *p = map_aligned(len, TABLE_SPAN, 0);

	if (!p)
		return bench_fail("fork-exit", "mmap: %s", strerror(errno));
	touch_sparse(p, len, 7);
	for (int r = 0; r < reps; r++) {
		uint64_t t0 = now_ns();
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			munmap(p, len);
			return bench_fail("fork-exit", "fork: %s", strerror(errno));
		}
		if (pid == 0)
			_exit(check_sparse(p, len, 7) ? 1 : 0);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			munmap(p, len);
			return bench_fail("fork-exit", "%s", "child saw other data");
		}
		ns[r] = now_ns() - t0;
	}
	munmap(p, len);
	report("fork-exit", "ns/fork", ns, reps);
}

/*
 * mremap-pmd / mremap-pte: move a fully populated 16 MB range back and
 * forth. With source and destination 2 MB aligned, whole PTE tables move
 * (move_normal_pmd(), under the PMD locks); 4 KB off, every PTE moves on
 * its own (move_ptes(), under two PTE table locks). Time per MB moved.
 */
static void bench_mremap_one(const char *name, size_t shift)
{
	const size_t len = 16 * MB;
	uint64_t ns[MAX_REPS];
	char *a = map_aligned(len + TABLE_SPAN, TABLE_SPAN, 0);
	char *b = map_aligned(len + TABLE_SPAN, TABLE_SPAN, 0);
	char *src, *dst;

	if (!a || !b)
		return bench_fail(name, "mmap: %s", strerror(errno));
	src = a;
	dst = b + shift;
	munmap(b, len + TABLE_SPAN);
	for (size_t off = 0; off < len; off += PTE_SPAN)
		src[off] = (char)(off >> 12);
	for (int r = 0; r < reps; r++) {
		uint64_t t0 = now_ns();
		char *q = mremap(src, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, dst);

		ns[r] = (now_ns() - t0) / (len / MB);
		if (q == MAP_FAILED)
			return bench_fail(name, "mremap: %s", strerror(errno));
		if (q[len - PTE_SPAN] != (char)((len - PTE_SPAN) >> 12))
			return bench_fail(name, "%s", "data read back differs");
		dst = src;
		src = q;
	}
	munmap(src, len);
	report(name, "ns/MB", ns, reps);
}

/*
 * mprotect-pte: change the protection of 4096 present PTEs (16 MB) to
 * read-only and back; change_pte_range() under each table's lock. Time
 * per PTE changed.
 */
static void bench_mprotect(void)
{
	const size_t len = 16 * MB;
	uint64_t ns[MAX_REPS];
	char *p = map_aligned(len, TABLE_SPAN, 0);

	if (!p)
		return bench_fail("mprotect-pte", "mmap: %s", strerror(errno));
	for (size_t off = 0; off < len; off += PTE_SPAN)
		p[off] = 1;
	for (int r = 0; r < reps; r++) {
		uint64_t t0 = now_ns();

		if (mprotect(p, len, PROT_READ) || mprotect(p, len, PROT_READ | PROT_WRITE))
			return bench_fail("mprotect-pte", "mprotect: %s", strerror(errno));
		ns[r] = (now_ns() - t0) / (2 * (len / PTE_SPAN));
		p[len - PTE_SPAN] = 1;
	}
	munmap(p, len);
	report("mprotect-pte", "ns/pte", ns, reps);
}

/*
 * thp-fault-zap: fault 16 THPs into an aligned MADV_HUGEPAGE range (each
 * deposits a preallocated PTE table) and munmap it (each withdraws and
 * frees it). Time per THP; fails if the faults did not give THPs.
 */
static void bench_thp(void)
{
	const size_t len = 32 * MB;
	uint64_t ns[MAX_REPS];

	for (int r = 0; r < reps; r++) {
		char *p = map_aligned(len, TABLE_SPAN, 1);
		uint64_t t0;
		long huge;

		if (!p)
			return bench_fail("thp-fault-zap", "mmap: %s", strerror(errno));
		t0 = now_ns();
		touch_sparse(p, len, 3);
		ns[r] = now_ns() - t0;
		huge = proc_kb("/proc/self/smaps_rollup", "AnonHugePages");
		t0 = now_ns();
		munmap(p, len);
		ns[r] = (ns[r] + now_ns() - t0) / (len / TABLE_SPAN);
		if (huge < (long)(len / KB)) {
			char why[64];

			snprintf(why, sizeof(why), "AnonHugePages %ld kB", huge);
			return bench_fail("thp-fault-zap", "no THPs: %s", why);
		}
	}
	report("thp-fault-zap", "ns/thp", ns, reps);
}

/*
 * pt-bytes: the page-table bytes accounted to the process for 512 PTE
 * tables (1 GB, 1 GB aligned: one PMD table more). This is the figure
 * packing is meant to change; today it is 4096 bytes a table.
 */
static void bench_pt_bytes(void)
{
	const size_t len = 1 * GB;
	const unsigned long tables = len / TABLE_SPAN;
	char *p = map_aligned(len, GB, 0);
	long before, after;

	if (!p)
		return bench_fail("pt-bytes", "mmap: %s", strerror(errno));
	before = proc_kb("/proc/self/status", "VmPTE");
	touch_sparse(p, len, 5);
	after = proc_kb("/proc/self/status", "VmPTE");
	munmap(p, len);
	if (before < 0 || after <= before)
		return bench_fail("pt-bytes", "%s", "VmPTE did not grow");
	printf("WB-BENCH-MEM case=pt-bytes tables=%lu vmpte_kb=%ld bytes_per_table=%lu\n",
	       tables, after - before, (after - before) * KB / tables);
	fflush(stdout);
}

/* Fold the per-CPU vmstat deltas, then read one /proc/meminfo field. */
static long meminfo_kb(const char *key)
{
	FILE *f = fopen("/proc/sys/vm/stat_refresh", "w");

	if (f) {
		fputs("1\n", f);
		fclose(f);
	}
	return proc_kb("/proc/meminfo", key);
}

/*
 * Pages on the per-CPU free lists, in kB (/proc/zoneinfo "count:"). MemFree
 * leaves them out, and they refill and drain in batches of megabytes: on
 * its own, MemFree's fall over 16,384 tables jumped by 8 MB between boots
 * of one kernel.
 */
static long pcp_kb(void)
{
	FILE *f = fopen("/proc/zoneinfo", "r");
	char line[256];
	long pages = 0, n;
	int lists = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, " count: %ld", &n) == 1) {
			pages += n;
			lists++;
		}
	fclose(f);
	/* No list found: the format changed; do not fall back to MemFree */
	if (!lists)
		return -1;
	return pages * (sysconf(_SC_PAGESIZE) / KB);
}

/* Empty the per-CPU slabs of the page-table caches, if tables are packed. */
static void shrink_pt_caches(void)
{
	static const char *const caches[] = { "pgtable-4k", "pgtable-8k" };
	char path[64];

	for (unsigned int i = 0; i < sizeof(caches) / sizeof(caches[0]); i++) {
		FILE *f;

		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", caches[i]);
		f = fopen(path, "w");
		if (f) {
			fputs("1\n", f);
			fclose(f);
		}
	}
}

/*
 * pt-footprint: the memory the system spends on 16,384 PTE tables, not
 * what it accounts: 32 GB without THP, read (not written) once every
 * 2 MB, so each fault maps the shared zero page and allocates a PTE table
 * but no data page. The figure is the fall of free memory per table while
 * they are held (the tables, their slab's free slots and metadata with
 * packed tables, the 32 PMD tables), after folding the vmstat deltas and
 * emptying the page-table caches' per-CPU slabs; free memory is MemFree
 * plus the per-CPU free lists (pcp_kb()). Slab and PageTables are reported
 * beside it.
 */
#define FOOTPRINT_TABLES 16384UL
static void bench_pt_footprint(void)
{
	const size_t len = FOOTPRINT_TABLES * TABLE_SPAN;
	char *p = map_aligned(len, GB, 0);
	long free0, pcp0, slab0, pt0, free1, pcp1, slab1, pt1;
	volatile char sum = 0;

	if (!p)
		return bench_fail("pt-footprint", "mmap: %s", strerror(errno));
	shrink_pt_caches();
	free0 = meminfo_kb("MemFree");
	pcp0 = pcp_kb();
	slab0 = proc_kb("/proc/meminfo", "Slab");
	pt0 = proc_kb("/proc/meminfo", "PageTables");
	for (size_t off = 0; off < len; off += TABLE_SPAN)
		sum += p[off];
	shrink_pt_caches();
	free1 = meminfo_kb("MemFree");
	pcp1 = pcp_kb();
	slab1 = proc_kb("/proc/meminfo", "Slab");
	pt1 = proc_kb("/proc/meminfo", "PageTables");
	munmap(p, len);
	(void)sum;
	if (pcp0 < 0 || pcp1 < 0)
		return bench_fail("pt-footprint", "%s",
				  "no per-CPU list counts in /proc/zoneinfo");
	if (pt1 - pt0 < (long)(FOOTPRINT_TABLES * PTE_SPAN / KB)) {
		char why[64];

		snprintf(why, sizeof(why), "%ld kB", pt1 - pt0);
		return bench_fail("pt-footprint", "PageTables grew by %s only", why);
	}
	printf("WB-BENCH-MEM case=pt-footprint tables=%lu memfree_kb=%ld pcp_kb=%ld "
	       "slab_kb=%ld pagetables_kb=%ld bytes_per_table=%lu\n", FOOTPRINT_TABLES,
	       free0 - free1, pcp0 - pcp1, slab1 - slab0, pt1 - pt0,
	       (free0 + pcp0 - free1 - pcp1) * KB / FOOTPRINT_TABLES);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		reps = atoi(argv[1]);
	if (reps < 1 || reps > MAX_REPS) {
		fprintf(stderr, "usage: ptbench [REPS], 1 <= REPS <= %d\n", MAX_REPS);
		return 2;
	}
	printf("WB-BENCH-PLAN cases=7 mem=2 reps=%d\n", reps);
	bench_fault_unmap();
	bench_fork();
	bench_mremap_one("mremap-pmd", 0);
	bench_mremap_one("mremap-pte", PTE_SPAN);
	bench_mprotect();
	bench_thp();
	bench_pt_bytes();
	bench_pt_footprint();
	printf("WB-BENCH-DONE failed=%d\n", failed);
	return failed;
}
