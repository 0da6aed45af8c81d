// SPDX-License-Identifier: GPL-2.0-only
/// The page allocator's counters (totalram_pages(), the zone, node,
/// lruvec and memcg vmstat items that count pages, memcg and hugetlb
/// page_counters) count order-0 pages: the PAGE_SHIFT or PAGE_SIZE that
/// converts such a count to or from bytes, or compares it with bytes, is
/// PG_SHIFT or PG_SIZE.
///
//# Rule "zone, memblock and buddy accounting in pages" of
//# Documentation/mm/page-sizes.rst: the zone, node, lruvec and memcg
//# counters and the page_counters of memcg and hugetlb_cgroup are
//# charged by the page allocator and by folios, folio_nr_pages() at a
//# time, so they count PG_SIZE units. Matched: a binary operation one
//# operand of which, E, is a counter read and nothing else, and the
//# other of which, X, is a conversion between pages and bytes:
//#
//#	(u64)page_counter_read(counter) * PAGE_SIZE
//#	(u64)READ_ONCE(counter->max) * PAGE_SIZE	(struct page_counter)
//#	zone_managed_pages(zone) >> (27 - PAGE_SHIFT)
//#	memcg_page_state(memcg, MEMCG_ZSWAP_B) >> PAGE_SHIFT
//#	(size >> PAGE_SHIFT) > totalram_pages()
//#	totalram_pages() < (512 << (20 - PAGE_SHIFT))
//#
//# E is a call of one of COUNTERS below, or a field of a struct
//# page_counter that holds a number of pages (max, min, low, high,
//# watermark, local_watermark, emin, elow; known by type, so the file
//# must see struct page_counter), possibly cast to one of the integer
//# types CAST lists, wrapped in READ_ONCE() or parenthesized; or one
//# such read multiplied or divided by integer literals
//# ((totalram_pages() * 2) / 5); or such reads added to or subtracted
//# from each other. A field must not sit inside the arguments of a
//# call. A vmstat read counts only when its item is one of ITEM below:
//# the LRU lists, the other counts of folios' pages, free pages, slab,
//# memcg's kmem, swap and vmalloc pages and its percpu and zswap
//# bytes. Page-table items (whose unit is a decision of its own:
//# page-sizes.rst, "Beyond renames"), kB items and the items that
//# count events or xarray nodes are not in ITEM. Of the byte items
//# (NR_SLAB_*_B, MEMCG_ZSWAP_B, MEMCG_PERCPU_B), memcg and lruvec reads
//# return bytes.
//#
//# Where X scales E it is one of: * PAGE_SIZE or * (PAGE_SIZE >> 10)
//# and << PAGE_SHIFT or << (PAGE_SHIFT - 10), pages to bytes or kB;
//# >> (M - PAGE_SHIFT) with M >= 16, pages to units of 2^M bytes (the
//# shift stays positive once PG_SHIFT is 16); >> PAGE_SHIFT or
//# / PAGE_SIZE where E reads a byte item, bytes to pages. Where X is
//# compared with E, added to it or subtracted from it, X must be a count
//# of pages: a value Y turned into pages as a whole (Y >> PAGE_SHIFT,
//# Y / PAGE_SIZE, DIV_ROUND_UP{,_ULL}(Y, PAGE_SIZE)), where Y is a name,
//# a field, or a parenthesized sum, difference or product of names,
//# fields and sizeof(), with no literal (which could round by 4K), no
//# call (a macro could hide a unit), no PAGE_*, PTE_*, PFN, PTRS_PER_*
//# or SZ_* and no page_counter field; or a literal size
//# N << (M - PAGE_SHIFT) with M >= 16. Every PAGE_SHIFT and PAGE_SIZE in
//# X is converted. The checks read the text of E and X.
//#
//# The node counters keep the byte items in pages: where the whole body
//# of "if (vmstat_item_in_bytes(item))" is VM_WARN_ON_ONCE(d & (PAGE_SIZE
//# - 1)); d >>= PAGE_SHIFT;, which folds a byte delta d into order-0
//# pages, both are converted too.
//#
//# Not matched: a count held in a local variable first (val =
//# page_counter_read(c); ... val * PAGE_SIZE) or read inside the
//# arguments of another call (min(), max()), which this rule does not
//# follow; PAGE_COUNTER_MAX, which is defined by PAGE_SIZE itself; the
//# write side of the limits (page_counter_memparse()); struct sysinfo's
//# mem_unit, which also scales the swap totals, whose slot size is still
//# open (page-sizes.rst, "Beyond renames"); per-mm counters
//# (total_vm, locked_vm, RSS), which count PTEs (pte_vm_counters.cocci);
//# the dirty limits and memcg's object stock, which are pages too but
//# reach a counter through other names.
//
// Confidence: High
// Copyright: (C) 2026 The ptdesc-first authors.
// Comments: No functional change while PG_SIZE == PAGE_SIZE.
// Options: --include-headers --smpl-spacing --max-width 200

virtual patch
virtual context
virtual org
virtual report

// pcf records where a struct page_counter field is read, b1 and b2 the
// extent of each operand that faces a counter, and s the PAGE_SHIFT and
// PAGE_SIZE inside one; the patch rules and their read-only twins
// (depends on !patch) change or star those, and org and report mode list
// one entry per starred line.

@initialize:python@
@@
import re

msg = "order-0 page count by PAGE_SHIFT or PAGE_SIZE: use PG_SHIFT or PG_SIZE"
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


# Functions that return a number of order-0 pages (or, for a byte item,
# of bytes).
COUNTERS = ("totalram_pages", "totalhigh_pages", "nr_free_buffer_pages",
	    "get_num_physpages", "si_mem_available", "zone_managed_pages",
	    "page_counter_read", "mem_cgroup_usage")
# Functions whose last argument names the vmstat item they read.
ITEMS = ("zone_page_state", "zone_page_state_snapshot",
	 "global_zone_page_state", "global_node_page_state",
	 "global_node_page_state_pages", "node_page_state",
	 "node_page_state_pages", "lruvec_page_state",
	 "lruvec_page_state_local", "memcg_page_state",
	 "memcg_page_state_local")
# Fields of struct page_counter that hold a number of pages.
FIELDS = ("max", "min", "low", "high", "watermark", "local_watermark",
	  "emin", "elow")
# Items that count order-0 pages (or, with _B, bytes): the LRU lists and
# the other folio counts, free pages, slab, and the items of memcg.
ITEM = re.compile(r"^(NR_LRU_BASE(\s*\+\s*(i|lru|LRU_(IN)?ACTIVE_(ANON|FILE)|LRU_UNEVICTABLE))?|NR_(IN)?ACTIVE_(ANON|FILE)|NR_UNEVICTABLE"
		  r"|NR_FILE_PAGES|NR_FILE_MAPPED|NR_ANON_MAPPED|NR_SHMEM|NR_FILE_DIRTY"
		  r"|NR_WRITEBACK|NR_SWAPCACHE|NR_MLOCK|NR_FREE_PAGES|NR_FREE_CMA_PAGES"
		  r"|NR_ZONE_(IN)?ACTIVE_(ANON|FILE)|NR_ZONE_UNEVICTABLE"
		  r"|NR_SLAB_(UN)?RECLAIMABLE_B|MEMCG_ZSWAP_B|MEMCG_KMEM|MEMCG_SWAP"
		  r"|MEMCG_VMALLOC|MEMCG_PERCPU_B)$")
CAST = re.compile(r"\(\s*(u64|u32|s64|long|unsigned\s+long(\s+long)?|unsigned(\s+int)?|int|size_t)\s*\)")
PAGE = re.compile(r"\bPAGE_(SHIFT|SIZE)\b")
BYTE_ITEM = re.compile(r"\b(NR_SLAB_(UN)?RECLAIMABLE_B|MEMCG_ZSWAP_B|MEMCG_PERCPU_B)\b")
FIELD = re.compile(r"[\w\[\]]+(\s*(->|\.)\s*[\w\[\]]+)*\s*(->|\.)\s*(%s)\b" % "|".join(FIELDS))
CALL = re.compile(r"\b(%s)\s*\(" % "|".join(COUNTERS + ITEMS))
TO_PAGES = re.compile(r"^(?P<y>.*?)\s*(>>\s*PAGE_SHIFT|/\s*PAGE_SIZE)$")
FOREIGN = re.compile(r"\b(PAGE_\w+|PTE_\w+|PFN_\w+|PHYS_PFN|PTRS_PER_\w+|SZ_\w+)\b")

# (file, line, column) of every read of a struct page_counter field.
fields = set()
# (file, line, column, end line, end column) of every operand to convert.
spans = []
# (file, line, column) of every PAGE_* to convert.
conv = set()


def pos(q):
	return (q[0].file, q[0].line, q[0].column)


def extent(p):
	q = p[0]
	return (q.file, int(q.line), int(q.column), int(q.line_end),
		int(q.column_end))


def close(e, i):
	"""Offset of the parenthesis that closes the one at e[i]."""
	depth = 0
	for j in range(i, len(e)):
		if e[j] == "(":
			depth += 1
		elif e[j] == ")":
			depth -= 1
			if not depth:
				return j
	return -1


def args(e, i):
	"""The top-level arguments of the call whose "(" is at e[i]."""
	out, depth, start = [], 0, i + 1
	for j in range(i + 1, close(e, i)):
		if e[j] in "([":
			depth += 1
		elif e[j] in ")]":
			depth -= 1
		elif e[j] == "," and not depth:
			out.append(e[start:j].strip())
			start = j + 1
	out.append(e[start:close(e, i)].strip())
	return out


def strip(e):
	"""e without casts and READ_ONCE()."""
	e = CAST.sub(" ", e)
	return re.sub(r"\bREAD_ONCE\s*\(", "(", e)


def counter(e, pe):
	"""Whether operand e (at pe) is one count of pages: counter reads
	added to or subtracted from each other, scaled by integer literals."""
	e = strip(e)
	f, l, c, le, ce = extent(pe)
	typed = sum(1 for q in fields if q[0] == f and
		    (l, c) <= (q[1], q[2]) <= (le, ce))
	# Every field named like a page_counter field is one, and none is
	# inside the arguments of a call.
	nfields = len(FIELD.findall(e))
	if nfields != typed:
		return False
	out, i = "", 0
	for m in CALL.finditer(e):
		if m.start() < i:
			return False
		o = m.end() - 1
		if m.group(1) in ITEMS and not ITEM.match(args(e, o)[-1]):
			return False
		out += e[i:m.start()] + " C "
		i = close(e, o) + 1
	e = out + e[i:]
	if len(FIELD.findall(e)) != nfields:
		return False
	e = FIELD.sub(" C ", e)
	tok = re.findall(r"\bC\b|\d+[uUlL]*|\S", e)
	if "C" not in tok or any(t not in "C()+-*/" and not t[0].isdigit()
				 for t in tok):
		return False
	# One count scaled by literals, or counts added to or subtracted
	# from each other: never a product, a quotient or a sum of the two.
	ops = set(t for t in tok if t in "+-*/")
	lits = [t for t in tok if t[0].isdigit()]
	if ops & set("*/"):
		return tok.count("C") == 1 and not ops & set("+-")
	return not lits


def bare(x):
	"""x without casts, READ_ONCE(), outer parentheses and extra spaces."""
	x = strip(x).strip()
	while x.startswith("(") and close(x, 0) == len(x) - 1:
		x = x[1:-1].strip()
	return " ".join(x.replace("(", " ( ").replace(")", " ) ").split())


def unit(x, op, e):
	"""Whether x converts count e (bytes if e reads a byte item) with op:
	pages to bytes or kB (* PAGE_SIZE, * (PAGE_SIZE >> 10), << PAGE_SHIFT,
	<< (PAGE_SHIFT - 10)), pages to 2^M-byte units (>> (M - PAGE_SHIFT),
	M >= 16, so that the shift stays positive once PG_SHIFT is 16), or
	bytes to pages (>> PAGE_SHIFT, / PAGE_SIZE)."""
	x = bare(x)
	if op == "*":
		return x in ("PAGE_SIZE", "PAGE_SIZE >> 10")
	if op == "<<":
		return x in ("PAGE_SHIFT", "PAGE_SHIFT - 10")
	if BYTE_ITEM.search(e):
		return x == {">>": "PAGE_SHIFT", "/": "PAGE_SIZE"}.get(op)
	m = re.match(r"^(\d+) - PAGE_SHIFT$", x)
	return op == ">>" and m is not None and int(m.group(1)) >= 16


def operand(y):
	"""Whether y is one operand made of names, fields and sizeof(), with
	no literal (which could round by 4K), call or conditional: a name, a
	field, or a parenthesized sum, difference or product of those."""
	y = y.strip()
	if re.match(r"^[\w\[\]]+(\s*(->|\.)\s*[\w\[\]]+)*$", y) and not re.search(r"\b\d", y):
		return True
	if not (y.startswith("(") and close(y, 0) == len(y) - 1):
		return False
	y = re.sub(r"\bsizeof\s*\(\s*[\w\s\*]+\)", " S ", y[1:-1])
	y = re.sub(r"\s*->\s*", ".", y)
	return re.match(r"^[\w\s\[\].+*()-]*$", y) is not None and \
		not re.search(r"\b\d", y) and not re.search(r"\w\s*\(", y)


def to_pages(x):
	"""Whether x is a count of pages: a value turned into pages by
	PAGE_SHIFT or PAGE_SIZE, or a literal number of bytes given as
	N << (M - PAGE_SHIFT)."""
	x = strip(x).strip()
	while x.startswith("(") and close(x, 0) == len(x) - 1:
		x = x[1:-1].strip()
	m = re.match(r"^\d+[uUlL]*\s*<<\s*\(\s*(\d+)\s*-\s*PAGE_SHIFT\s*\)$", x)
	if m:
		return int(m.group(1)) >= 16
	m = TO_PAGES.match(x)
	if m:
		y = m.group("y")
		if not operand(y):
			return False
	elif x.startswith("DIV_ROUND_UP") and close(x, x.index("(")) == len(x) - 1:
		a = args(x, x.index("("))
		if len(a) != 2 or a[1] != "PAGE_SIZE" or not operand(a[0]):
			return False
		y = a[0]
	else:
		return False
	# No call or macro in y: one could hide a unit of its own.
	return not FOREIGN.search(y) and not re.search(r"\w\s*\(", y) and \
		not FIELD.search(y)


def span(pe, px, e, x, op):
	e, x, op = str(e), str(x), str(op).strip()
	if not PAGE.search(x) or not counter(e, pe):
		return
	if op in ("*", "<<", ">>", "/"):
		ok = unit(x, op, e)
	else:
		ok = to_pages(x)
	if ok:
		spans.append(extent(px))


def inside(p):
	q = p[0]
	start = (int(q.line), int(q.column))
	end = (int(q.line_end), int(q.column_end))
	return any(q.file == f and start >= (l, c) and end <= (le, ce)
		   for (f, l, c, le, ce) in spans)

// spatch reads only the files that have the tokens every rule needs
// (its grep query). The rules that need no fixed token depend on this
// one, so that a file without what this script changes is skipped
// before it is parsed.
@has_tokens@
@@
\(PAGE_SHIFT\|PAGE_SIZE\)

@pcf@
struct page_counter *c;
struct page_counter d;
identifier fld =~ "^(max|min|low|high|watermark|local_watermark|emin|elow)$";
position pf;
@@
(
  c->fld@pf
|
  d.fld@pf
)

@script:python@
pf << pcf.pf;
@@
fields.add((pf[0].file, int(pf[0].line), int(pf[0].column)))

@b1 depends on has_tokens@
binary operator bop = {<<, >>, *, /, <, >, <=, >=, ==, !=, -, +};
expression E, X;
position pe, px;
@@
  E@pe bop X@px

@script:python@
pe << b1.pe;
px << b1.px;
E << b1.E;
X << b1.X;
bop << b1.bop;
@@
span(pe, px, E, X, bop)

// X on the left: only a product or a comparison, sum or difference.
@b2 depends on has_tokens@
binary operator bop = {*, <, >, <=, >=, ==, !=, -, +};
expression E, X;
position pe, px;
@@
  X@px bop E@pe

@script:python@
pe << b2.pe;
px << b2.px;
E << b2.E;
X << b2.X;
bop << b2.bop;
@@
span(pe, px, E, X, bop)

@s@
position p;
@@
\(PAGE_SHIFT@p\|PAGE_SIZE@p\)

@script:python@
p << s.p;
@@
if inside(p):
	conv.add(pos(p))

// A byte item of vmstat folded into the pages the node counters keep:
// the check that the delta is whole pages, and the shift.
@bytes depends on patch@
expression item;
identifier d;
@@
  if (vmstat_item_in_bytes(item)) {
  VM_WARN_ON_ONCE(d & (
- PAGE_SIZE
+ PG_SIZE
  - 1));
  d >>=
- PAGE_SHIFT
+ PG_SHIFT
  ;
  }

@bytes_c depends on !patch@
expression item;
identifier d;
position q1, q2;
@@
  if (vmstat_item_in_bytes(item)) {
* VM_WARN_ON_ONCE(d & (PAGE_SIZE@q1 - 1));
* d >>= PAGE_SHIFT@q2;
  }

@depends on patch@
position q : script:python () { pos(q) in conv };
@@
(
- PAGE_SHIFT@q
+ PG_SHIFT
|
- PAGE_SIZE@q
+ PG_SIZE
)

@c depends on !patch@
position q : script:python () { pos(q) in conv };
@@
(
* PAGE_SHIFT@q
|
* PAGE_SIZE@q
)

@script:python depends on org@
p1 << bytes_c.q1;
p2 << bytes_c.q2;
@@
emit(True, p1, p2)

@script:python depends on report@
p1 << bytes_c.q1;
p2 << bytes_c.q2;
@@
emit(False, p1, p2)

@script:python depends on org@
p << c.q;
@@
emit(True, p)

@script:python depends on report@
p << c.q;
@@
emit(False, p)
