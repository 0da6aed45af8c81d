// SPDX-License-Identifier: GPL-2.0
/*
 * smoke: a page-table workload for the QEMU guest.
 *
 * Every case creates, changes and tears down page tables, and checks that
 * the data read back is the data written. Output is TAP; the host parses
 * the "ok"/"not ok" lines. Exit status is the number of failed cases.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define KB 1024UL
#define MB (1024UL * KB)
#define PTE_SPAN 4096UL		/* what one x86 PTE maps */
#define PMD_SPAN (2 * MB)	/* what one x86 PTE table maps */

static int failures;
static int testno;
static char why[256];

static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return -1;
}

/* A value that depends on the address and a seed, so misplaced data shows. */
static inline uint64_t pattern(const void *p, uint64_t seed)
{
	uint64_t x = (uintptr_t)p ^ (seed * 0x9e3779b97f4a7c15ULL);

	x ^= x >> 29;
	return x * 0xbf58476d1ce4e5b9ULL;
}

/* Write one word per 4K of [p, p+len), keyed by offset (not address). */
static void fill(char *p, size_t len, uint64_t seed)
{
	for (size_t off = 0; off < len; off += PTE_SPAN)
		*(uint64_t *)(p + off) = pattern((void *)off, seed);
}

/* Check what fill() wrote; p is at offset @base of the filled range. */
static int verify_at(const char *p, size_t base, size_t len, uint64_t seed,
		     const char *what)
{
	for (size_t off = 0; off < len; off += PTE_SPAN) {
		uint64_t want = pattern((void *)(base + off), seed);
		uint64_t got = *(const uint64_t *)(p + off);

		if (got != want)
			return fail("%s: offset %#zx holds %#llx, want %#llx", what, off,
				    (unsigned long long)got, (unsigned long long)want);
	}
	return 0;
}

static int verify(const char *p, size_t len, uint64_t seed, const char *what)
{
	return verify_at(p, 0, len, seed, what);
}

static sigjmp_buf fault_jmp;
static volatile sig_atomic_t fault_sig;

static void on_fault(int sig)
{
	fault_sig = sig;
	siglongjmp(fault_jmp, 1);
}

/* Returns the signal raised by touching p (0 if none). */
static int touch_signal(volatile char *p, int write)
{
	struct sigaction sa = { .sa_handler = on_fault }, old_segv, old_bus;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	fault_sig = 0;
	if (!sigsetjmp(fault_jmp, 1)) {
		if (write)
			*p = *p;	/* same value: a fault, not a change */
		else
			(void)*p;
	}
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	return fault_sig;
}

static long meminfo_kb(const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long val = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			val = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return val;
}

static int test_fork_exec(void)
{
	const int rounds = 40;
	size_t len = 1 * MB;
	char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (buf == MAP_FAILED)
		return fail("mmap: %s", strerror(errno));
	fill(buf, len, 1);
	for (int i = 0; i < rounds; i++) {
		pid_t pid = fork();
		int status;

		if (pid < 0)
			return fail("fork: %s", strerror(errno));
		if (pid == 0) {
			/* Child: sees the parent's data, then COW-breaks it. */
			if (verify(buf, len, 1, "child"))
				_exit(10);
			fill(buf, len, 2);
			if (verify(buf, len, 2, "child after write"))
				_exit(11);
			if (i & 1)
				execl("/bin/true", "true", (char *)NULL);
			_exit(0);
		}
		if (waitpid(pid, &status, 0) != pid)
			return fail("waitpid: %s", strerror(errno));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			return fail("round %d: child status %#x", i, status);
		if (verify(buf, len, 1, "parent after child wrote"))
			return -1;
	}
	munmap(buf, len);
	return 0;
}

static int test_anon_mmap(void)
{
	size_t len = 16 * MB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return fail("mmap: %s", strerror(errno));
	fill(p, len, 3);
	if (verify(p, len, 3, "anon"))
		return -1;
	if (munmap(p, len))
		return fail("munmap: %s", strerror(errno));
	return 0;
}

static int test_file_mmap(void)
{
	const char *path = "/tmp/smoke-file";
	size_t len = 4 * MB;
	char *shared, *priv, *rd;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	int ret = -1;

	if (fd < 0)
		return fail("open: %s", strerror(errno));
	if (ftruncate(fd, len))
		return fail("ftruncate: %s", strerror(errno));
	shared = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	priv = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	rd = malloc(len);
	if (shared == MAP_FAILED || priv == MAP_FAILED || !rd) {
		fail("mmap: %s", strerror(errno));
		goto out;
	}
	fill(shared, len, 4);
	if (msync(shared, len, MS_SYNC)) {
		fail("msync: %s", strerror(errno));
		goto out;
	}
	/* The private mapping sees the file, then diverges from it on write. */
	if (verify(priv, len, 4, "private view of shared writes"))
		goto out;
	fill(priv, len, 5);
	if (verify(shared, len, 4, "shared after private write"))
		goto out;
	if (pread(fd, rd, len, 0) != (ssize_t)len) {
		fail("pread: %s", strerror(errno));
		goto out;
	}
	if (verify(rd, len, 4, "file contents via read()"))
		goto out;
	ret = 0;
out:
	if (shared != MAP_FAILED)
		munmap(shared, len);
	if (priv != MAP_FAILED)
		munmap(priv, len);
	free(rd);
	close(fd);
	unlink(path);
	return ret;
}

static int test_partial_munmap_mprotect(void)
{
	size_t len = 4 * MB, hole = 64 * KB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *mid = p + len / 2;

	if (p == MAP_FAILED)
		return fail("mmap: %s", strerror(errno));
	fill(p, len, 6);
	if (munmap(mid, hole))
		return fail("munmap middle: %s", strerror(errno));
	if (verify(p, len / 2, 6, "below hole") ||
	    verify_at(mid + hole, len / 2 + hole, len / 2 - hole, 6, "above hole"))
		return -1;
	if (touch_signal(mid, 0) != SIGSEGV || touch_signal(mid + hole - 1, 0) != SIGSEGV)
		return fail("reading the unmapped hole did not fault");

	/* Read-only window in the middle of the lower part. */
	char *ro = p + len / 8;
	size_t rolen = 256 * KB;

	if (mprotect(ro, rolen, PROT_READ))
		return fail("mprotect: %s", strerror(errno));
	if (touch_signal(ro + rolen / 2, 1) != SIGSEGV)
		return fail("write to read-only window did not fault");
	if (touch_signal(ro + rolen / 2, 0))
		return fail("read of read-only window faulted");
	if (touch_signal(ro - 1, 1) || touch_signal(ro + rolen, 1))
		return fail("write next to read-only window faulted");
	if (verify(p, len / 2, 6, "after mprotect"))
		return -1;
	if (mprotect(ro, rolen, PROT_READ | PROT_WRITE))
		return fail("mprotect back: %s", strerror(errno));
	fill(ro, rolen, 7);
	if (verify(ro, rolen, 7, "rewritten window"))
		return -1;
	munmap(p, len / 2);
	munmap(mid + hole, len / 2 - hole);
	return 0;
}

static int test_mremap(void)
{
	size_t len = 8 * MB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *dst, *q, *r;

	if (p == MAP_FAILED)
		return fail("mmap: %s", strerror(errno));
	fill(p, len, 8);
	/* Reserve a destination far away and move the populated range there. */
	dst = mmap(NULL, len + PMD_SPAN, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (dst == MAP_FAILED)
		return fail("mmap dst: %s", strerror(errno));
	/* Misalign by one PTE so the move cannot be done PMD-at-a-time. */
	q = mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PTE_SPAN);
	if (q == MAP_FAILED)
		return fail("mremap fixed: %s", strerror(errno));
	if (verify(q, len, 8, "after mremap move"))
		return -1;
	if (touch_signal(p, 0) != SIGSEGV)
		return fail("old range still mapped after move");
	/* Grow it; the old contents stay, the new tail is zero. */
	r = mremap(q, len, 2 * len, MREMAP_MAYMOVE);
	if (r == MAP_FAILED)
		return fail("mremap grow: %s", strerror(errno));
	if (verify(r, len, 8, "after mremap grow"))
		return -1;
	for (size_t off = len; off < 2 * len; off += PTE_SPAN)
		if (r[off])
			return fail("grown tail not zero at %#zx", off);
	munmap(r, 2 * len);
	munmap(dst, len + PMD_SPAN);
	return 0;
}

static long smaps_anon_huge_kb(void *addr)
{
	char line[256];
	unsigned long lo, hi, a = (uintptr_t)addr;
	int in = 0;
	long kb = -1;
	FILE *f = fopen("/proc/self/smaps", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = lo <= a && a < hi;
		else if (in && !strncmp(line, "AnonHugePages:", 14))
			kb = strtol(line + 14, NULL, 10);
	}
	fclose(f);
	return kb;
}

static int test_thp(void)
{
	size_t len = 8 * MB;
	char *raw = mmap(NULL, len + PMD_SPAN, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;
	long huge;

	if (raw == MAP_FAILED)
		return fail("mmap: %s", strerror(errno));
	p = (char *)(((uintptr_t)raw + PMD_SPAN - 1) & ~(PMD_SPAN - 1));
	if (madvise(p, len, MADV_HUGEPAGE))
		return fail("madvise(MADV_HUGEPAGE): %s", strerror(errno));
	fill(p, len, 9);
	huge = smaps_anon_huge_kb(p);
	if (huge <= 0)
		return fail("no THP in an aligned %zu MiB MADV_HUGEPAGE range (AnonHugePages %ld kB)",
			    len / MB, huge);
	/* Split one huge PMD: punch a 4K hole, and protect a 4K page. */
	if (madvise(p + PTE_SPAN, PTE_SPAN, MADV_DONTNEED))
		return fail("madvise(MADV_DONTNEED): %s", strerror(errno));
	if (mprotect(p + PMD_SPAN + PTE_SPAN, PTE_SPAN, PROT_READ))
		return fail("mprotect in THP: %s", strerror(errno));
	if (*(uint64_t *)(p + PTE_SPAN) != 0)
		return fail("MADV_DONTNEED page not zero");
	*(uint64_t *)(p + PTE_SPAN) = pattern((void *)PTE_SPAN, 9);
	if (verify(p, len, 9, "THP range after split"))
		return -1;
	if (touch_signal(p + PMD_SPAN + PTE_SPAN, 1) != SIGSEGV)
		return fail("write to read-only 4K inside a THP did not fault");
	munmap(raw, len + PMD_SPAN);
	printf("# thp: AnonHugePages %ld kB before split\n", huge);
	return 0;
}

static int test_sparse_procs(void)
{
	const int nproc = 16;
	const size_t span = 256 * MB;	/* one page per 2M => 128 PTE tables */
	const long want_tables_kb = nproc * (span / PMD_SPAN) * 4;
	int ready[2], go[2];
	pid_t pids[16];
	long before, during, after;
	int ret = 0;

	if (pipe(ready) || pipe(go))
		return fail("pipe: %s", strerror(errno));
	before = meminfo_kb("PageTables");
	for (int i = 0; i < nproc; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return fail("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			char *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
			char c;

			if (p == MAP_FAILED)
				_exit(20);
			madvise(p, span, MADV_NOHUGEPAGE);
			for (size_t off = 0; off < span; off += PMD_SPAN)
				*(uint64_t *)(p + off) = pattern((void *)off, 100 + i);
			if (write(ready[1], "r", 1) != 1)
				_exit(21);
			if (read(go[0], &c, 1) != 1)
				_exit(22);
			for (size_t off = 0; off < span; off += PMD_SPAN)
				if (*(uint64_t *)(p + off) != pattern((void *)off, 100 + i))
					_exit(23);
			_exit(0);
		}
	}
	for (int i = 0; i < nproc; i++) {
		char c;

		if (read(ready[0], &c, 1) != 1) {
			ret = fail("child did not get ready");
			break;
		}
	}
	during = meminfo_kb("PageTables");
	for (int i = 0; i < nproc; i++)
		if (write(go[1], "g", 1) != 1)
			ret = fail("write go: %s", strerror(errno));
	for (int i = 0; i < nproc; i++) {
		int status;

		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			ret = fail("child %d status %#x", i, status);
	}
	/* Tables can be freed after an RCU grace period: give them a moment. */
	for (int i = 0; i < 50; i++) {
		after = meminfo_kb("PageTables");
		if (after - before <= want_tables_kb / 4)
			break;
		usleep(100 * 1000);
	}
	printf("# sparse: PageTables before %ld kB, during %ld kB, after %ld kB (want +%ld kB)\n",
	       before, during, after, want_tables_kb);
	if (!ret && during - before < want_tables_kb)
		ret = fail("PageTables grew by %ld kB, want at least %ld kB",
			   during - before, want_tables_kb);
	if (!ret && after - before > want_tables_kb / 4)
		ret = fail("PageTables did not come back: before %ld kB, after %ld kB",
			   before, after);
	return ret;
}

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{ "fork_exec", test_fork_exec },
	{ "anon_mmap", test_anon_mmap },
	{ "file_mmap", test_file_mmap },
	{ "partial_munmap_mprotect", test_partial_munmap_mprotect },
	{ "mremap", test_mremap },
	{ "thp", test_thp },
	{ "sparse_procs", test_sparse_procs },
};

int main(int argc, char **argv)
{
	int n = sizeof(tests) / sizeof(tests[0]);

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%d\n", n);
	for (int i = 0; i < n; i++) {
		testno = i + 1;
		why[0] = 0;
		if (argc > 1 && strcmp(argv[1], tests[i].name)) {
			printf("ok %d - %s # SKIP not selected\n", testno, tests[i].name);
			continue;
		}
		if (tests[i].fn()) {
			failures++;
			printf("not ok %d - %s # %s\n", testno, tests[i].name, why);
		} else {
			printf("ok %d - %s\n", testno, tests[i].name);
		}
	}
	return failures;
}
