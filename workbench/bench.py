#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare ptbench results of the base and the series kernels.

bench.py --targets FILE --tsv OUT base-bench=LOG bench=LOG ...

Each LOG is the console log of one boot in mode "bench" (see
guest/ptbench.c). For every timed case, each kernel's figure is the
median over its boots of the guest's median; the spread is
(max - min) / median over those boots. A "ratio" target bounds series /
base from above; an "equal" target asks for the named memory field to
be the same on both. Every case needs a target and every target a
result. Prints a table, writes it to OUT as tab-separated values, and
exits 1 if a target is missed.
"""
import argparse
import re
import statistics
import sys

KERNELS = ('base-bench', 'bench')


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
    for case, (kind, limit) in targets.items():
        if kind == 'ratio':
            b, s = times['base-bench'].get(case), times['bench'].get(case)
            if not b or not s:
                errs.append(f'{case}: no result from {"the base" if not b else "the series"}')
                continue
            mb, ms = statistics.median(b), statistics.median(s)
            ratio = ms / mb
            ok = ratio <= float(limit)
            rows.append((case, units[case], f'{mb:.0f}', f'{ms:.0f}', f'{ratio:.3f}',
                         f'{(max(b) - min(b)) / mb * 100:.1f}% / {(max(s) - min(s)) / ms * 100:.1f}%',
                         f'<= {limit}', 'met' if ok else 'MISSED'))
        elif kind == 'equal':
            b, s = mem['base-bench'].get(case), mem['bench'].get(case)
            if not b or not s:
                errs.append(f'{case}: no result from {"the base" if not b else "the series"}')
                continue
            vb = {d[limit] for d in b}
            vs = {d[limit] for d in s}
            ok = len(vb) == 1 and vb == vs
            rows.append((case, limit, '/'.join(sorted(vb)), '/'.join(sorted(vs)),
                         '1.000' if ok else '-', '-', 'equal', 'met' if ok else 'MISSED'))
        else:
            errs.append(f'{case}: unknown target kind {kind!r}')

    head = ('case', 'unit', 'base', 'series', 'series/base', 'spread b/s', 'target', 'result')
    nb = len(times['base-bench'].get(next(iter(times['base-bench']), ''), []))
    ns = len(times['bench'].get(next(iter(times['bench']), ''), []))
    w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    print(f'\nbench: {nb} boot(s) of the base, {ns} of the series '
          '(configs/qemu.config + configs/bench.config, TCG, emulated time)')
    for r in [head, tuple('-' * x for x in w)] + rows:
        print('  '.join(str(c).ljust(x) for c, x in zip(r, w)).rstrip())
    with open(a.tsv, 'w') as f:
        for r in [head] + rows:
            f.write('\t'.join(map(str, r)) + '\n')
    missed = [r[0] for r in rows if r[-1] != 'met']
    for e in errs:
        print('FAIL: ' + e, file=sys.stderr)
    if missed:
        print(f'FAIL: target missed: {", ".join(missed)}', file=sys.stderr)
    return 1 if missed or errs else 0


if __name__ == '__main__':
    sys.exit(main())
