#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a guest console log: bootcheck.py LOG MODE SMP ENV_OUT TAP_OUT

Fails (exit 1, reasons on stderr) on:
  - any kernel report: oops, BUG, WARNING, lockdep, KASAN, UBSAN,
    page-table-check, hung task, soft lockup, RCU stall, bad page, kmemleak;
  - a missing end marker, or (smoke) a TAP plan that does not match;
  - the guest seeing fewer CPUs than qemu gave it;
  - accounting: the test memcg's "pagetables" stat not showing the
    page tables ptload holds, or PageTables / the memcg stat not back at
    their baseline after the workload (PT_TOL_KB, default 64 kB);
  - faultinject: no failure injected in a phase that must hit, a
    ptload error, or new kmemleak reports;
  - bench: ptbench printing fewer cases than it planned, a failed case,
    or a non-zero exit status.

Inside the fault-injection window (WB-FI-BEGIN .. WB-FI-END), the reports
that the injected failures cause by design are not kernel problems: the
page allocator's "page allocation failure" report and an OOM-killer
report, each with its stack dump, and the fault-injection notices. Only
those blocks are skipped; anything else in the window still fails.
"""
import os
import re
import sys

BAD = re.compile(
    r'BUG:|WARNING:|Oops|Kernel panic|kernel BUG at|general protection fault|'
    r'Call Trace:|page_table_check|possible circular locking|'
    r'possible recursive locking|inconsistent lock state|suspicious RCU usage|'
    r'KASAN:|UBSAN:|blocked for more than|soft lockup|hard LOCKUP|'
    r'rcu_.* detected stall|Bad page|BUG kmalloc|Unable to handle|'
    r'kmemleak: .*new suspected memory leaks|DEBUG_LOCKS_WARN_ON|INFO: possible|'
    r'INFO: inconsistent|turning off the locking correctness validator|'
    r'INFO: task .* blocked')
# Blocks the fault injection causes on purpose: they start with one of
# these lines and end with the end of the stack dump.
BY_DESIGN_START = re.compile(r'page allocation failure: order:|invoked oom-killer:|'
                             r'FAULT_INJECTION: forcing a failure')
KMEMLEAK_NEW = re.compile(r'kmemleak: \d+ new suspected memory leaks')
KUNIT_BY_DESIGN = re.compile(r'^__kmem_cache_create_args\(TestSlub_\w+\) failed with error -22$')
BY_DESIGN_END = re.compile(r'</TASK>|^\S*\s*name fail|interval \d+, probability')
# Phases whose stack filter must be hit by ptload today: the paths that
# allocate page tables, which come from the page allocator, or with packed
# page tables (BOOT_PT_PACK=1, guest/init) from slab; then the slabs of
# packed tables, and failslab on the page-table cache alone.
TABLE_PATHS = ('__pte_alloc', '__pmd_alloc', '__pud_alloc', '__p4d_alloc',
               'pgd_alloc', 'copy_page_range', 'move_page_tables')
if os.environ.get('BOOT_PT_PACK') == '1':
    MUST_HIT = tuple(f'failslab:{p}' for p in TABLE_PATHS) + (
        'failslab:vm_area_dup', 'fail_page_alloc:__pte_alloc',
        'failslab-pgtable-4k:handle_mm_fault')
else:
    MUST_HIT = tuple(f'fail_page_alloc:{p}' for p in TABLE_PATHS) + ('failslab:vm_area_dup',)
# More, for a config where they must hit too (FI_MUST_HIT="a,b"): on the
# lockdep kernel without packed tables, ptlocks come from slab, so
# failslab:__pte_alloc.
MUST_HIT += tuple(p for p in os.environ.get('FI_MUST_HIT', '').split(',') if p)


def kv(line):
    return dict(m.groups() for m in re.finditer(r'(\w+)=(-?\w+)', line))


# wb.mode=kunit: run (as guest/init prints it), the prefix of the cases
# that must not be skipped, and the line the run's memcg case prints.
KUNIT_RUNS = (('boot', 'test_meta_', 'objects not charged'),
              ('memcg', 'test_meta_', 'objects charged to memory cgroup'),
              ('pt_pack', 'pt_pack_test_', None))


def kunit(lines, errs, env, tap_out):
    """wb.mode=kunit: the KTAP of the slab suite's two runs (guest/init), at
    boot without and through debugfs with a memory cgroup, and of the packed
    page-table suite's boot run. Every case must pass or be skipped, the
    cases of the new features (KUNIT_RUNS) must not be skipped, each slab
    run must have charged as it says, and kmemleak must find nothing but
    the leak test_leak_destroy makes on purpose."""
    runs = {}
    for l in lines:
        if l.startswith('WB-KTAP '):
            _, run, rest = (l.split(' ', 2) + [''])[:3]
            runs.setdefault(run, []).append(rest)
    tap, skipped = [], 0
    for run, must, want in KUNIT_RUNS:
        ktap = runs.get(run)
        if not ktap:
            errs.append(f'KUnit: no results of the {run} run')
            continue
        plan = next((int(m.group(1)) for x in ktap if (m := re.fullmatch(r'\s+1\.\.(\d+)', x))), None)
        cases = [m for m in (re.fullmatch(r'\s+(ok|not ok) \d+ (\S+)(.*)', x) for x in ktap) if m]
        if plan is None or len(cases) != plan:
            errs.append(f'KUnit {run} run: plan {plan}, but {len(cases)} results')
        for m in cases:
            ok, name, rest = m.groups()
            if '# SKIP' in rest:
                skipped += 1
                if name.startswith(must):
                    errs.append(f'KUnit {run} run: {name} was skipped:{rest}')
                continue
            tap.append(f'{ok} {len(tap) + 1} - {run}/{name}')
            if ok != 'ok':
                errs.append(f'KUnit {run} run: {name} failed')
        if want and not any(want in x for x in ktap):
            errs.append(f'KUnit {run} run: no "{want}" line from test_meta_memcg')
    with open(tap_out, 'w') as f:
        f.write(''.join(l + '\n' for l in tap))
    fails = sum(1 for l in tap if l.startswith('not ok'))
    env['pass'], env['fail'], env['skip'] = len(tap) - fails, fails, skipped
    km = next((kv(l) for l in lines if l.startswith('WB-KMEMLEAK ')), None)
    if km is None:
        errs.append('no kmemleak result')
    elif km['new'] != '0':
        errs.append(f'kmemleak: {km["new"]} unreferenced objects besides test_leak_destroy\'s')


def main():
    log, mode, smp, env_out, tap_out = sys.argv[1:6]
    smp = int(smp)
    tol = int(os.environ.get('PT_TOL_KB', '64'))
    lines = [l.rstrip('\n') for l in open(log, errors='replace')]
    errs, env = [], {}

    in_fi, skipping, bad = False, False, []
    for no, line in enumerate(lines, 1):
        # The slab KUnit suite makes cache creation fail on purpose; the
        # kernel then dumps the stack.
        if KUNIT_BY_DESIGN.search(line):
            skipping = True
            continue
        if skipping and not in_fi:
            skipping = not BY_DESIGN_END.search(line)
            continue
        if 'WB-FI-BEGIN' in line:
            in_fi = True
        elif 'WB-FI-END' in line:
            in_fi = skipping = False
        if in_fi:
            if BY_DESIGN_START.search(line):
                skipping = 'FAULT_INJECTION' not in line
                continue
            if skipping:
                if BY_DESIGN_END.search(line):
                    skipping = False
                continue
            if BY_DESIGN_END.search(line) and 'interval' in line:
                continue
        # kunit mode counts kmemleak's reports itself: the suite leaks
        # one object on purpose (test_leak_destroy).
        if mode == 'kunit' and KMEMLEAK_NEW.search(line):
            continue
        if BAD.search(line):
            bad.append(f'{no}: {line}')
    if bad:
        errs.append('the kernel reported problems:\n' + '\n'.join('    ' + b for b in bad[:25]))

    if not any(l.startswith('WB-END rc=') for l in lines):
        errs.append('the guest never reached the end of its workload')
    cpus = next((kv(l).get('cpus') for l in lines if l.startswith('WB-INFO ')), None)
    env['cpus'] = cpus or 0
    if int(cpus or 0) != smp:
        errs.append(f'the guest saw {cpus or "no"} CPU(s), but qemu was given -smp {smp}')

    # Accounting.
    for l in lines:
        if l.startswith('WB-MEMINFO '):
            when = l.split()[1]
            for k, v in re.findall(r'(\w+):(\d+)', l):
                env[f'{when}_{k}'] = v
        # The number only: a kernel message can land on the console
        # between the guest's digits and its newline
        # ("WB-MEMCG before=0tsc: Refined TSC clocksource calibration").
        elif l.startswith('WB-MEMCG before='):
            env['memcg_before'] = re.match(r'WB-MEMCG before=(-?\d+)', l).group(1)
        elif l.startswith('WB-MEMCG after='):
            env['memcg_after'] = re.match(r'WB-MEMCG after=(-?\d+)', l).group(1)
        elif l.startswith('WB-MEMCG-HOLD '):
            d = kv(l)
            env['memcg_hold_tables'] = d.get('tables', '0')
            env['memcg_during'] = d.get('during', '0')
            w = re.search(r'waited=([0-9.]+)', l)
            env['memcg_waited'] = w.group(1) if w else '?'
        elif l.startswith('WB-SETTLE '):
            env['settle_seconds'] = kv(l)['seconds']
        elif l.startswith('WB-PTSLAB '):
            for k, v in kv(l).items():
                env[f'ptslab_{k}'] = v
    try:
        t = int(env['memcg_hold_tables'])
        during, cg0 = int(env['memcg_during']), int(env['memcg_before'])
        if t <= 0 or during - cg0 < t * 4096:
            errs.append(f'memcg pagetables stat {during} B while ptload held {t} '
                        f'page tables (baseline {cg0} B): expected >= {cg0 + t * 4096}')
        pt0, pt1 = int(env['before_PageTables']), int(env['after_PageTables'])
        if pt1 > pt0 + tol:
            errs.append(f'PageTables {pt0} kB before, {pt1} kB after the workload '
                        f'(tolerance {tol} kB): page tables leaked')
        cg1 = int(env['memcg_after'])
        if cg1 > cg0 + tol * 1024:
            errs.append(f'memcg pagetables {cg0} B before, {cg1} B after the workload')
        # Packed page tables: the held tables are objects of pgtable-4k,
        # which go back when the holder exits (at least as many objects as
        # tables), and the count is back at its baseline (tolerance:
        # PageTables', in 4K tables).
        if os.environ.get('BOOT_PT_PACK') == '1':
            if 'ptslab_before' not in env:
                errs.append('packed page tables, but no WB-PTSLAB line (pgtable-4k objects)')
            else:
                s0, s1, s2 = (int(env[f'ptslab_{k}']) for k in ('before', 'during', 'after'))
                if s1 - s2 < t:
                    errs.append(f'pgtable-4k: {s1} objects while ptload held {t} tables, '
                                f'{s2} after it exited: fewer than {t} went back')
                if s2 > s0 + tol // 4:
                    errs.append(f'pgtable-4k: {s0} objects before, {s2} after the holding process exited: tables leaked')
    except (KeyError, ValueError) as e:
        errs.append(f'accounting lines missing from the log ({e})')

    # Memory hot-remove of the pc-dimm boot.sh plugged in (BOOT_DIMM).
    dimm = os.environ.get('BOOT_DIMM')
    if dimm:
        hp = [l for l in lines if l.startswith('WB-HOTPLUG ')]
        m = re.fullmatch(r'(\d+)([MG])', dimm)
        want = int(m.group(1)) * (1024 if m.group(2) == 'M' else 1024 * 1024) if m else None
        if want is None:
            errs.append(f'BOOT_DIMM={dimm}: give a size in M or G')
        elif not hp:
            errs.append('memory hot-remove did not run (no WB-HOTPLUG line)')
        else:
            d = kv(hp[-1])
            env['hotplug_blocks'] = d.get('blocks', '0')
            env['hotplug_memtotal_before'] = d.get('memtotal_before', '?')
            env['hotplug_memtotal_after'] = d.get('memtotal_after', '?')
            blocks, online, left = int(d.get('blocks', 0)), int(d.get('online', 0)), int(d.get('left', -1))
            drop = int(d.get('memtotal_before', 0)) - int(d.get('memtotal_after', 0))
            if blocks == 0 or online != blocks:
                errs.append(f'memory hot-add: {online} of {blocks} memory blocks of the DIMM online')
            if d.get('rc') != '0' or left != 0:
                errs.append(f'memory hot-remove failed (rc={d.get("rc")}, {left} blocks left): {hp[-1]}')
            if drop != want:
                errs.append(f'memory hot-remove: MemTotal went down by {drop} kB, the DIMM has {want} kB')

    # The guest's own output starts at WB-BEGIN; KUnit suites built into
    # the kernel print KTAP before it.
    begin = next((i for i, l in enumerate(lines) if l.startswith('WB-BEGIN')), len(lines))
    guest = lines[begin:]
    if mode == 'smoke':
        plan = next((int(l[3:]) for l in guest if re.fullmatch(r'1\.\.\d+', l)), None)
        tap = [l for l in guest if re.match(r'(not )?ok \d+ ', l)]
        fails = [l for l in tap if l.startswith('not ok')]
        with open(tap_out, 'w') as f:
            f.write(''.join(l + '\n' for l in tap))
        env['pass'], env['fail'] = len(tap) - len(fails), len(fails)
        if plan is None or len(tap) != plan:
            errs.append(f'TAP plan {plan}, but {len(tap)} results')
        if fails:
            errs.append(f'{len(fails)} guest test(s) failed:\n' +
                        '\n'.join('    ' + l for l in fails))
    if mode == 'faultinject':
        phases = [l for l in lines if l.startswith('WB-FI phase=')]
        if not phases:
            errs.append('no fault-injection phase ran')
        injected = 0
        for l in phases:
            d = kv(l)
            ph = l.split()[1][len('phase='):]
            n = int(d.get('injected', 0))
            injected += n
            env[f'fi_{re.sub(r"[^A-Za-z0-9_]", "_", ph)}'] = n
            if 'error' in d:
                errs.append(f'fault injection {ph}: {d["error"]}')
            if ph in MUST_HIT and n == 0:
                errs.append(f'fault injection {ph}: no failure was injected')
            if d.get('bad', '0') != '0' or d.get('rc', '0') != '0' or 'WB-PTLOAD error' in l:
                errs.append(f'fault injection {ph}: ptload saw something other than '
                            f'ENOMEM, a retried fault or the OOM killer: {l}')
        env['fi_injected'] = injected
        ran = {l.split()[1][len('phase='):] for l in phases}
        for ph in MUST_HIT:
            if ph not in ran:
                errs.append(f'fault injection {ph}: the phase did not run')
        km = next((kv(l) for l in lines if l.startswith('WB-KMEMLEAK ')), None)
        if km is None:
            errs.append('no kmemleak result')
        else:
            env['kmemleak_new'] = km['new']
            if km['new'] != '0':
                errs.append(f'kmemleak: {km["new"]} new unreferenced objects')

    if mode == 'kunit':
        kunit(lines, errs, env, tap_out)
    if mode == 'bench':
        plan = next((kv(l) for l in lines if l.startswith('WB-BENCH-PLAN ')), None)
        res = [l for l in lines if l.startswith('WB-BENCH case=')]
        mem = [l for l in lines if l.startswith('WB-BENCH-MEM ')]
        fails = [l for l in lines if l.startswith('WB-BENCH-FAIL ')]
        if plan is None:
            errs.append('ptbench did not start (no WB-BENCH-PLAN line)')
        elif len(res) != int(plan['cases']) or len(mem) != int(plan['mem']):
            errs.append(f'ptbench planned {plan["cases"]} timed and {plan["mem"]} memory '
                        f'cases, but printed {len(res)} and {len(mem)}')
        if fails:
            errs.append(f'{len(fails)} benchmark case(s) failed:\n' +
                        '\n'.join('    ' + l for l in fails))
        end = next((kv(l) for l in lines if l.startswith('WB-END rc=')), None)
        if end is not None and end['rc'] != '0':
            errs.append(f'ptbench exited with status {end["rc"]}')
        env['bench_cases'] = len(res) + len(mem)

    env['status'] = 1 if errs else 0
    with open(env_out, 'w') as f:
        f.write(''.join(f'{k}={v}\n' for k, v in env.items()))
    for e in errs:
        print('FAIL: ' + e, file=sys.stderr)
    return 1 if errs else 0


if __name__ == '__main__':
    sys.exit(main())
