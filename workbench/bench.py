#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare ptbench results of the base and the series kernels.

bench.py --targets FILE --tsv OUT [--plot DAT] [--mem-plot DAT] KERNEL=LOG ...

Each LOG is the console log of one boot of KERNEL in mode "bench" (see
guest/ptbench.c); KERNEL "base-bench" is the reference, every other one
is compared with it. For every timed case, each kernel's figure is the
median over its boots (rounds) of the guest's median, with the range
(min-max) over those boots.

A target line is "CASE KIND LIMIT [KERNEL]" (KERNEL: default "bench"). A
"ratio" target bounds KERNEL / base from above; a "memratio" target does
the same for the bytes_per_table of a memory case (median over the
boots); an "equal" target asks for the named memory field to be the same
on both; a "show" target only reports the kernel's bytes_per_table of a
memory case beside the others (the 64K-per-table kernel, for scale).
Every case that "bench" measures needs a target, and every target a
result.

A figure is flagged "unresolved" when the spread of either kernel, (max -
min) / median, is larger than the difference the figure claims, |KERNEL
/ base - 1|: the rounds do not resolve that difference. With fewer than
MIN_ROUNDS boots of a kernel every figure is flagged. A flag is not a
failure; a missed target is.

Prints a table, writes it to OUT as tab-separated values (the ratio
plot's data to DAT, and bytes per table of every kernel to the memory
plot's DAT), and exits 1 if a target is missed.
"""
import argparse
import re
import statistics
import sys

BASE = 'base-bench'
DEFAULT = 'bench'
MIN_ROUNDS = 5


def kv(line):
    return dict(m.groups() for m in re.finditer(r'(\w+)=([\w/.-]+)', line))


def parse(path):
    times, mem = {}, {}
    for line in open(path, errors='replace'):
        line = line.strip()
        if line.startswith('WB-BENCH case='):
            d = kv(line)
            times[d['case']] = (d['unit'], int(d['median']))
        elif line.startswith('WB-BENCH-MEM '):
            d = kv(line)
            mem[d['case']] = d
    return times, mem


def compare(b, s, limit):
    """Medians, ratio, spreads and stability flag of two lists of figures."""
    mb, ms = statistics.median(b), statistics.median(s)
    ratio = ms / mb
    sb, ss = (max(b) - min(b)) / mb, (max(s) - min(s)) / ms
    diff = abs(ratio - 1)
    if min(len(b), len(s)) < MIN_ROUNDS:
        flag = f'unresolved: {min(len(b), len(s))} rounds < {MIN_ROUNDS}'
    elif max(sb, ss) > diff:
        flag = f'unresolved: spread {max(sb, ss) * 100:.1f}% > diff {diff * 100:.1f}%'
    else:
        flag = 'resolved'
    return (f'{mb:.0f} [{min(b)}-{max(b)}]', f'{ms:.0f} [{min(s)}-{max(s)}]', ratio,
            f'{sb * 100:.1f}% / {ss * 100:.1f}%', flag, ratio <= float(limit))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--targets', required=True)
    ap.add_argument('--tsv', required=True)
    ap.add_argument('--plot')
    ap.add_argument('--mem-plot')
    ap.add_argument('logs', nargs='+')
    a = ap.parse_args()

    targets = []
    for line in open(a.targets):
        f = line.split('#', 1)[0].split()
        if f:
            targets.append((f[0], f[1], f[2], f[3] if len(f) > 3 else DEFAULT))

    times, mem, units = {}, {}, {}
    for arg in a.logs:
        kern, path = arg.split('=', 1)
        t, m = parse(path)
        for case, (unit, med) in t.items():
            units[case] = unit
            times.setdefault(kern, {}).setdefault(case, []).append(med)
        for case, d in m.items():
            mem.setdefault(kern, {}).setdefault(case, []).append(d)
    kernels = list(dict.fromkeys(arg.split('=', 1)[0] for arg in a.logs))

    rows, errs, plot = [], [], []
    have = {(c, k) for c, _, _, k in targets}
    for case in dict.fromkeys(list(times.get(DEFAULT, {})) + list(mem.get(DEFAULT, {}))):
        if (case, DEFAULT) not in have:
            errs.append(f'{case}: measured, but workbench/bench.targets has no target for it')

    def missing(case, kern, b, s):
        if not b or not s:
            errs.append(f'{case}: no result from {"the base" if not b else kern}')
            return True
        return False

    for case, kind, limit, kern in targets:
        if kind == 'ratio':
            b, s = times.get(BASE, {}).get(case), times.get(kern, {}).get(case)
            if missing(case, kern, b, s):
                continue
            cb, cs, ratio, spread, flag, ok = compare(b, s, limit)
            rows.append((case, kern, units[case], cb, cs, f'{ratio:.3f}', spread, flag,
                         f'<= {limit}', 'met' if ok else 'MISSED'))
            plot.append((f'{case} ({kern})', ratio, min(s) / max(b), max(s) / min(b)))
        elif kind == 'memratio':
            b = [int(d['bytes_per_table']) for d in mem.get(BASE, {}).get(case, [])]
            s = [int(d['bytes_per_table']) for d in mem.get(kern, {}).get(case, [])]
            if missing(case, kern, b, s):
                continue
            cb, cs, ratio, spread, flag, ok = compare(b, s, limit)
            rows.append((case, kern, 'B/table', cb, cs, f'{ratio:.3f}', spread, flag,
                         f'<= {limit}', 'met' if ok else 'MISSED'))
        elif kind == 'show':
            b = [int(d['bytes_per_table']) for d in mem.get(BASE, {}).get(case, [])]
            s = [int(d['bytes_per_table']) for d in mem.get(kern, {}).get(case, [])]
            if missing(case, kern, b, s):
                continue
            cb, cs, ratio, spread, flag, _ = compare(b, s, 'inf')
            rows.append((case, kern, 'B/table', cb, cs, f'{ratio:.3f}', spread, flag,
                         'shown', 'met'))
        elif kind == 'equal':
            b, s = mem.get(BASE, {}).get(case), mem.get(kern, {}).get(case)
            if missing(case, kern, b, s):
                continue
            vb = {d[limit] for d in b}
            vs = {d[limit] for d in s}
            ok = len(vb) == 1 and vb == vs
            rows.append((case, kern, limit, '/'.join(sorted(vb)), '/'.join(sorted(vs)),
                         '1.000' if ok else '-', '-', 'exact', 'equal', 'met' if ok else 'MISSED'))
        else:
            errs.append(f'{case}: unknown target kind {kind!r}')

    head = ('case', 'kernel', 'unit', 'base median [min-max]', 'kernel median [min-max]',
            'kernel/base', 'spread b/k', 'stability', 'target', 'result')
    w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    boots = ', '.join(f'{k} {max((len(v) for v in times.get(k, {}).values()), default=0)}'
                      for k in kernels)
    print(f'\nbench: boots per kernel: {boots}, interleaved '
          '(configs/qemu.config + configs/bench.config, TCG; medians over the boots)')
    for r in [head, tuple('-' * x for x in w)] + rows:
        print('  '.join(str(c).ljust(x) for c, x in zip(r, w)).rstrip())
    with open(a.tsv, 'w') as f:
        for r in [head] + rows:
            f.write('\t'.join(map(str, r)) + '\n')
    if a.plot:
        with open(a.plot, 'w') as f:
            f.write('# case ratio low high (low/high: min(kernel)/max(base), max(kernel)/min(base))\n')
            for i, (case, r, lo, hi) in enumerate(plot):
                f.write(f'{i} "{case}" {r:.4f} {lo:.4f} {hi:.4f}\n')
    if a.mem_plot:
        with open(a.mem_plot, 'w') as f:
            f.write('# kernel median min max (pt-footprint bytes per table)\n')
            for i, k in enumerate(kernels):
                v = [int(d['bytes_per_table']) for d in mem.get(k, {}).get('pt-footprint', [])]
                if v:
                    f.write(f'{i} {k} {statistics.median(v):.0f} {min(v)} {max(v)}\n')
    noisy = [f'{r[0]} ({r[1]})' for r in rows if r[7].startswith('unresolved')]
    if noisy:
        print(f'flagged: {len(noisy)} figure(s) whose spread is larger than the difference they '
              f'claim: {", ".join(noisy)}')
    missed = [r[0] if r[1] == DEFAULT else f'{r[0]} ({r[1]})' for r in rows if r[-1] != 'met']
    for e in errs:
        print('FAIL: ' + e, file=sys.stderr)
    if missed:
        print(f'FAIL: target missed: {", ".join(missed)}', file=sys.stderr)
    return 1 if missed or errs else 0


if __name__ == '__main__':
    sys.exit(main())
