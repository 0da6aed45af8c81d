#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare ptbench results of the base and the series kernels.

bench.py --targets FILE --tsv OUT [--plot DAT] base-bench=LOG bench=LOG ...

Each LOG is the console log of one boot in mode "bench" (see
guest/ptbench.c). For every timed case, each kernel's figure is the
median over its boots (rounds) of the guest's median, with the range
(min-max) over those boots. A "ratio" target bounds series / base from
above; an "equal" target asks for the named memory field to be the same
on both. Every case needs a target and every target a result.

A figure is flagged "unresolved" when the spread of either kernel, (max -
min) / median, is larger than the difference the figure claims, |series
/ base - 1|: the rounds do not resolve that difference. With fewer than
MIN_ROUNDS boots of a kernel every figure is flagged. A flag is not a
failure; a missed target is.

Prints a table, writes it to OUT as tab-separated values (and the
plot's data to DAT), and exits 1 if a target is missed.
"""
import argparse
import re
import statistics
import sys

KERNELS = ('base-bench', 'bench')
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--targets', required=True)
    ap.add_argument('--tsv', required=True)
    ap.add_argument('--plot')
    ap.add_argument('logs', nargs='+')
    a = ap.parse_args()

    targets = {}
    for line in open(a.targets):
        line = line.split('#', 1)[0].split()
        if line:
            targets[line[0]] = (line[1], line[2])

    times = {k: {} for k in KERNELS}
    mem = {k: {} for k in KERNELS}
    units = {}
    for arg in a.logs:
        kern, path = arg.split('=', 1)
        if kern not in KERNELS:
            sys.exit(f'bench.py: unknown kernel {kern!r} (known: {", ".join(KERNELS)})')
        t, m = parse(path)
        for case, (unit, med) in t.items():
            units[case] = unit
            times[kern].setdefault(case, []).append(med)
        for case, d in m.items():
            mem[kern].setdefault(case, []).append(d)

    rows, errs = [], []
    cases = list(dict.fromkeys(list(times['base-bench']) + list(times['bench']) +
                               list(mem['base-bench']) + list(mem['bench'])))
    for case in cases:
        if case not in targets:
            errs.append(f'{case}: measured, but workbench/bench.targets has no target for it')
    nb = max((len(v) for v in times['base-bench'].values()), default=0)
    ns = max((len(v) for v in times['bench'].values()), default=0)
    plot = []
    for case, (kind, limit) in targets.items():
        if kind == 'ratio':
            b, s = times['base-bench'].get(case), times['bench'].get(case)
            if not b or not s:
                errs.append(f'{case}: no result from {"the base" if not b else "the series"}')
                continue
            mb, ms = statistics.median(b), statistics.median(s)
            ratio = ms / mb
            ok = ratio <= float(limit)
            sb, ss = (max(b) - min(b)) / mb, (max(s) - min(s)) / ms
            diff = abs(ratio - 1)
            if min(len(b), len(s)) < MIN_ROUNDS:
                flag = f'unresolved: {min(len(b), len(s))} rounds < {MIN_ROUNDS}'
            elif max(sb, ss) > diff:
                flag = f'unresolved: spread {max(sb, ss) * 100:.1f}% > diff {diff * 100:.1f}%'
            else:
                flag = 'resolved'
            rows.append((case, units[case], f'{mb:.0f} [{min(b)}-{max(b)}]',
                         f'{ms:.0f} [{min(s)}-{max(s)}]', f'{ratio:.3f}',
                         f'{sb * 100:.1f}% / {ss * 100:.1f}%', flag,
                         f'<= {limit}', 'met' if ok else 'MISSED'))
            plot.append((case, ratio, min(s) / max(b), max(s) / min(b)))
        elif kind == 'equal':
            b, s = mem['base-bench'].get(case), mem['bench'].get(case)
            if not b or not s:
                errs.append(f'{case}: no result from {"the base" if not b else "the series"}')
                continue
            vb = {d[limit] for d in b}
            vs = {d[limit] for d in s}
            ok = len(vb) == 1 and vb == vs
            rows.append((case, limit, '/'.join(sorted(vb)), '/'.join(sorted(vs)),
                         '1.000' if ok else '-', '-', 'exact', 'equal', 'met' if ok else 'MISSED'))
        else:
            errs.append(f'{case}: unknown target kind {kind!r}')

    head = ('case', 'unit', 'base median [min-max]', 'series median [min-max]', 'series/base',
            'spread b/s', 'stability', 'target', 'result')
    w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    print(f'\nbench: {nb} boot(s) of the base, {ns} of the series, interleaved '
          '(configs/qemu.config + configs/bench.config, TCG; medians over the boots)')
    for r in [head, tuple('-' * x for x in w)] + rows:
        print('  '.join(str(c).ljust(x) for c, x in zip(r, w)).rstrip())
    with open(a.tsv, 'w') as f:
        for r in [head] + rows:
            f.write('\t'.join(map(str, r)) + '\n')
    if a.plot:
        with open(a.plot, 'w') as f:
            f.write('# case ratio low high (low/high: min(series)/max(base), max(series)/min(base))\n')
            for i, (case, r, lo, hi) in enumerate(plot):
                f.write(f'{i} {case} {r:.4f} {lo:.4f} {hi:.4f}\n')
    noisy = [r[0] for r in rows if r[6].startswith('unresolved')]
    if noisy:
        print(f'flagged: {len(noisy)} figure(s) whose spread is larger than the difference they '
              f'claim: {", ".join(noisy)}')
    missed = [r[0] for r in rows if r[-1] != 'met']
    for e in errs:
        print('FAIL: ' + e, file=sys.stderr)
    if missed:
        print(f'FAIL: target missed: {", ".join(missed)}', file=sys.stderr)
    return 1 if missed or errs else 0


if __name__ == '__main__':
    sys.exit(main())
