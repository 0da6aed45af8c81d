// SPDX-License-Identifier: GPL-2.0
/*
 * ptload: page-table-heavy load for the accounting and fault-injection
 * runs in the QEMU guest.
 *
 *   ptload hold MB     touch one byte in every 2 MB of an MB-sized mapping
 *                      (one PTE table each), print "WB-HOLD tables=N",
 *                      then wait until stdin reaches EOF, and unmap.
 *   ptload stress N    N rounds of: fault in a sparse 1 GB mapping, tables
 *                      far apart (new PUD and PMD tables), MADV_POPULATE,
 *                      fork with copied tables, mremap moves, munmap.
 *
 * With WB_MAKE_IT_FAIL=1 in the environment, ptload marks itself (and so
 * its children) for fault injection after exec, so that the injected
 * failures hit the workload and not the exec that starts it.
 *
 * Under fault injection, page-table allocations fail. What a process may
 * see is what the kernel gives it today: ENOMEM from fork, mremap and
 * madvise (counted and printed), a fault that is retried, or the OOM
 * killer. Any other error, or wrong data read back, makes the exit
 * status non-zero.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MB (1024UL * 1024UL)
#define GB (1024UL * MB)
#define TABLE_SPAN (2 * MB)	/* what one x86 PTE table maps */
#define PUD_SPAN (512 * GB)	/* what one x86 PUD table maps */

static unsigned long enomem_fork, enomem_mremap, enomem_populate;
static unsigned long enomem_map, children_killed;

static void die(const char *what)
{
	printf("WB-PTLOAD error: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void touch(char *p, size_t len, unsigned char tag)
{
	for (size_t off = 0; off < len; off += TABLE_SPAN)
		p[off] = (unsigned char)(tag + off / TABLE_SPAN);
}

static int verify(const char *p, size_t len, unsigned char tag)
{
	for (size_t off = 0; off < len; off += TABLE_SPAN)
		if ((unsigned char)p[off] != (unsigned char)(tag + off / TABLE_SPAN))
			return -1;
	return 0;
}

static int hold(unsigned long mb)
{
	size_t len = mb * MB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char c;

	if (p == MAP_FAILED)
		die("mmap");
	madvise(p, len, MADV_NOHUGEPAGE);
	touch(p, len, 7);
	printf("WB-HOLD tables=%lu\n", len / TABLE_SPAN);
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	if (verify(p, len, 7)) {
		printf("WB-PTLOAD error: data changed while held\n");
		return 1;
	}
	munmap(p, len);
	return 0;
}

/* Mappings 512 GB apart: each one needs its own PUD, PMD and PTE table. */
static int far_tables(void)
{
	uintptr_t base = 64 * PUD_SPAN;
	char *p[4];
	int i, bad = 0;

	for (i = 0; i < 4; i++) {
		p[i] = mmap((void *)(base + i * PUD_SPAN), TABLE_SPAN,
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
			    MAP_FIXED_NOREPLACE, -1, 0);
		if (p[i] == MAP_FAILED) {
			if (errno != ENOMEM)
				die("mmap far");
			enomem_map++;
			p[i] = NULL;
			continue;
		}
		touch(p[i], TABLE_SPAN, (unsigned char)i);
	}
	for (i = 0; i < 4; i++) {
		if (!p[i])
			continue;
		bad |= verify(p[i], TABLE_SPAN, (unsigned char)i);
		munmap(p[i], TABLE_SPAN);
	}
	return bad;
}

static int round_once(int r)
{
	size_t len = 1 * GB;
	unsigned char tag = (unsigned char)(r * 13);
	char *p, *q, *dst;
	pid_t pid;
	int st, bad = 0;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	madvise(p, len, MADV_NOHUGEPAGE);
	touch(p, len, tag);

	/* Populate 32 MB more through madvise: its errors are visible. */
	q = mmap(NULL, 32 * MB, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED)
		die("mmap populate");
	madvise(q, 32 * MB, MADV_NOHUGEPAGE);
	if (madvise(q, 32 * MB, MADV_POPULATE_WRITE)) {
		if (errno != ENOMEM)
			die("MADV_POPULATE_WRITE");
		enomem_populate++;
	}

	/* fork copies the tables of the anonymous mapping. */
	pid = fork();
	if (pid == 0) {
		if (verify(p, len, tag))
			_exit(3);
		touch(p, len, tag + 1);	/* COW every touched page */
		_exit(verify(p, len, tag + 1) ? 3 : 0);
	}
	if (pid < 0) {
		if (errno != ENOMEM)
			die("fork");
		enomem_fork++;
	} else {
		if (waitpid(pid, &st, 0) < 0)
			die("waitpid");
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			children_killed++;	/* the OOM killer */
		else if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("WB-PTLOAD error: child status 0x%x\n", st);
			bad = 1;
		}
	}
	if (verify(p, len, tag)) {
		printf("WB-PTLOAD error: parent data changed after fork\n");
		bad = 1;
	}

	/* mremap moves the tables to a new place (move_page_tables). */
	dst = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		   MAP_NORESERVE, -1, 0);
	if (dst == MAP_FAILED)
		die("mmap mremap target");
	q = mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	if (q == MAP_FAILED) {
		if (errno != ENOMEM)
			die("mremap");
		enomem_mremap++;
		munmap(dst, len);
		q = p;
	}
	if (verify(q, len, tag)) {
		printf("WB-PTLOAD error: data changed by mremap\n");
		bad = 1;
	}
	munmap(q, len);
	bad |= far_tables();
	return bad;
}

int main(int argc, char **argv)
{
	int bad = 0, n, r;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "hold"))
		return hold(strtoul(argv[2], NULL, 0));
	if (argc != 3 || strcmp(argv[1], "stress")) {
		fprintf(stderr, "usage: ptload hold MB | ptload stress ROUNDS\n");
		return 2;
	}
	n = atoi(argv[2]);
	if (getenv("WB_MAKE_IT_FAIL")) {
		int fd = open("/proc/self/make-it-fail", O_WRONLY);

		if (fd < 0 || write(fd, "1", 1) != 1)
			die("/proc/self/make-it-fail");
		close(fd);
	}
	for (r = 0; r < n; r++)
		bad |= round_once(r);
	printf("WB-PTLOAD rounds=%d enomem_fork=%lu enomem_mremap=%lu enomem_populate=%lu enomem_mmap=%lu oom_killed=%lu bad=%d\n",
	       n, enomem_fork, enomem_mremap, enomem_populate, enomem_map,
	       children_killed, bad);
	return bad;
}
