#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Parse the mm selftests' TAP output from the guest and compare it with
the expected-results file.

  ksft.py compare LOG EXPECTED --categories a,b [--results TSV]
  ksft.py record LOG EXPECTED --categories a,b [--reasons FILE]

LOG is what the guest wrote to its second serial port: one
"WB-CAT begin C" ... "WB-CAT end C rc=N seconds=S" block per category,
each holding run_vmtests.sh's TAP. A test is one run_test line of
run_vmtests.sh ("ok 3 uffd-stress anon 20 16"); its sub-tests are the
kselftest lines its program printed ("# ok 7 madvise(MADV_DONTNEED) ..."),
named after the "[RUN] ..." line before them where the program prints one
(cow does; its skip lines carry only the reason). khugepaged prints no TAP:
each of its "step... OK/Fail" lines is a sub-test, named after the
"Run test: ..." line before it, so a collapse that stops working is seen
even though the swap cases already make the program fail on the base.
Both count, so a sub-test that turns from pass into skip is a deviation
even when its program still exits 0.

The expected file has one line per test or sub-test:
    category <TAB> test [:: sub-test] <TAB> pass|skip|fail <TAB> reason
Every skip and fail carries the reason it happens on the base kernel.
"flaky" (pass or fail accepted, never skip) is only for a test seen to
both pass and fail on identical code, with the evidence as its reason;
it is set by hand, and only for such a test.
compare fails on any deviation: a different result, a test missing from
the run, or a test the baseline does not know.
"""
import argparse
import os
import fnmatch
import re
import sys

TOP = re.compile(r'^(not ok|ok) (\d+) (.*?)(?: # (SKIP|exit=\d+).*)?$')
SUB = re.compile(r'^# (not ok|ok) (\d+) (.*?)(?: # ((?:SKIP|XFAIL)\b.*))?$')
DIRECTIVE_FIRST = re.compile(r'^# ((?:SKIP|XFAIL)\b)\s*(.*)$')
KHP_TEST = re.compile(r'^# Run test: (.*)$')
KHP_STEP = re.compile(r'^# (.*?)\s*\x1b\[3[12]m(OK|Fail)\x1b\[0m$')
RUN_MSG = re.compile(r'^# # \[RUN\] (.*)$')
CAT_BEGIN = re.compile(r'^WB-CAT begin (\S+)')
CAT_END = re.compile(r'^WB-CAT end (\S+) rc=(\d+) seconds=(\d+)')


def result(okword, directive):
    if directive and directive.startswith('SKIP'):
        return 'skip'
    if directive and directive.startswith('XFAIL'):
        return 'pass'
    return 'pass' if okword == 'ok' else 'fail'


# Test names that carry a measurement: the number varies from run to run.
VARIABLE = [
    (re.compile(r'Extra pages \d+ \([\d.]+%\), extra thread faults \d+\.'),
     'Extra pages N (N%), extra thread faults N.'),   # pagemap_ioctl
    # mrelease_test doubles the child's memory (1MB, 2MB, ...) each time
    # the child exits before process_mrelease() gets to it, and names
    # its result after the size that worked: a matter of timing.
    (re.compile(r'Success reaping a child with \d+MB of memory allocations'),
     'Success reaping a child with NMB of memory allocations'),
]


def norm(text):
    # Squeeze whitespace so a reflowed name still matches, and replace
    # the measurements in the names listed above.
    text = ' '.join(text.split())
    for pat, rep in VARIABLE:
        text = pat.sub(rep, text)
    return text


def parse(path):
    """Return ({(cat, name): result}, {cat: (rc, seconds)}, [problems])."""
    res, cats, problems = {}, {}, []
    cat, subs, seen, run, khp = None, [], {}, None, None
    with open(path, errors='replace') as f:
        lines = [l.rstrip('\r\n') for l in f]
    for line in lines:
        m = CAT_BEGIN.match(line)
        if m:   # nothing carries over from the category before
            cat, subs, seen, run, khp = m.group(1), [], {}, None, None
            continue
        m = CAT_END.match(line)
        if m:
            if cat != m.group(1):
                problems.append(f'unbalanced category markers near {line!r}')
            if subs:
                problems.append(f'{m.group(1)}: sub-test results after the last test')
            cats[m.group(1)] = (int(m.group(2)), int(m.group(3)))
            cat = None
            continue
        if cat is None:
            continue
        m = RUN_MSG.match(line)
        if m:
            run = norm(m.group(1))
            continue
        m = KHP_TEST.match(line)
        if m:
            khp = norm(m.group(1))
            continue
        m = KHP_STEP.match(line)
        if m:   # khugepaged.c: "# <step>... \e[32mOK\e[0m" or "...Fail"
            # "Step 1/512...Step 2/512... OK": the last step, no counter.
            step = m.group(1).rstrip('. ').split('...')[-1]
            step = norm(re.sub(r'\s+\d+/\d+$', '', step))
            subs.append((f'{khp} -> {step}' if khp else step,
                         'pass' if m.group(2) == 'OK' else 'fail'))
            continue
        m = SUB.match(line)
        if m:
            name, directive = m.group(3), m.group(4)
            d = DIRECTIVE_FIRST.match(name)
            if d:   # "ok 3 # SKIP why": kselftest's skip has no name
                directive, name = d.group(1), d.group(2)
            name = norm(name)
            if run:     # "[RUN] what" names the case; the result line may
                name = f'{run} -> {name}' if name else run   # only say why
                run = None
            subs.append((name, result(m.group(1), directive)))
            continue
        m = TOP.match(line)
        if m:
            name = norm(m.group(3))
            n = seen.get(name, 0) + 1
            seen[name] = n
            if n > 1:
                name = f'{name} #{n}'
            res[(cat, name)] = result(m.group(1), m.group(4))
            dup = {}
            for sname, sres in subs:
                k = dup.get(sname, 0) + 1
                dup[sname] = k
                key = (cat, f'{name} :: {sname}' + (f' #{k}' if k > 1 else ''))
                res[key] = sres
            subs = []
    if cat is not None:
        problems.append(f'category {cat} never finished (guest hung or was killed)')
    return res, cats, problems


def load_expected(path):
    exp = {}
    with open(path) as f:
        for no, line in enumerate(f, 1):
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.rstrip('\n').split('\t')
            if len(parts) != 4 or parts[2] not in ('pass', 'skip', 'fail', 'flaky'):
                sys.exit(f'{path}:{no}: malformed line')
            if parts[2] != 'pass' and not parts[3].strip():
                sys.exit(f'{path}:{no}: {parts[2]} without a reason')
            exp[(parts[0], parts[1])] = (parts[2], parts[3])
    return exp


def table(res, cats, wanted):
    print(f'{"category":<18} {"pass":>5} {"fail":>5} {"skip":>5} {"seconds":>8}')
    tot = [0, 0, 0]
    for c in wanted:
        n = [sum(1 for (cc, _), r in res.items() if cc == c and r == k)
             for k in ('pass', 'fail', 'skip')]
        tot = [a + b for a, b in zip(tot, n)]
        secs = cats.get(c, (None, '-'))[1]
        print(f'{c:<18} {n[0]:>5} {n[1]:>5} {n[2]:>5} {secs:>8}')
    print(f'{"total":<18} {tot[0]:>5} {tot[1]:>5} {tot[2]:>5}')
    return tot


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('mode', choices=('compare', 'record'))
    ap.add_argument('log')
    ap.add_argument('expected')
    ap.add_argument('--categories', required=True)
    ap.add_argument('--results')
    ap.add_argument('--reasons')
    ap.add_argument('--rows', help='compare: write one "st/CAT/TEST<TAB>status" row '
                    'per test for check.sh (pass, skip, xfail or FAIL)')
    a = ap.parse_args()
    wanted = [c for c in a.categories.split(',') if c]
    res, cats, problems = parse(a.log)
    res = {k: v for k, v in res.items() if k[0] in wanted}
    for c in wanted:
        if c not in cats:
            problems.append(f'category {c}: no results (it did not run to its end)')
    if a.results:
        with open(a.results, 'w') as f:
            for (c, t), r in sorted(res.items()):
                f.write(f'{c}\t{t}\t{r}\n')
    table(res, cats, wanted)

    if a.mode == 'record':
        rules = []
        if a.reasons:
            with open(a.reasons) as f:
                for line in f:
                    if line.strip() and not line.startswith('#'):
                        pat, why = line.rstrip('\n').split('\t', 1)
                        rules.append((pat, why))
        old = {}
        if os.path.exists(a.expected):
            old = load_expected(a.expected)     # a broken file stops here
        keep = {k: v for k, v in old.items() if k[0] not in wanted}
        out, unexplained = [], 0
        for (c, t), r in sorted(res.items()):
            if old.get((c, t), ('',))[0] == 'flaky' and r in ('pass', 'fail'):
                keep[(c, t)] = old[(c, t)]      # keep the hand-set mark
                continue
            why = ''
            if r != 'pass':
                why = next((w for p, w in rules if fnmatch.fnmatchcase(f'{c}/{t}', p)), '')
                if not why:
                    unexplained += 1
                    print(f'no reason: {c}/{t}: {r}')
            keep[(c, t)] = (r, why)
        for p in problems:
            print('problem:', p)
        if problems or unexplained:
            # Nothing is written: the file stays a complete, explained
            # baseline.
            print(f'{unexplained} skip/fail without a reason in {a.reasons} '
                  f'(see {a.results or "the table"}); {a.expected} not changed')
            return 1
        with open(a.expected + '.tmp', 'w') as f:
            f.write('# tools/testing/selftests/mm on the base kernel: see workbench/selftests.reasons\n')
            f.write('# category\ttest [:: sub-test]\tresult\treason on the base\n')
            for (c, t), (r, why) in sorted(keep.items()):
                f.write(f'{c}\t{t}\t{r}\t{why}\n')
        os.replace(a.expected + '.tmp', a.expected)
        print(f'recorded {len(res)} results of {",".join(wanted)} into {a.expected}')
        return 0

    exp = load_expected(a.expected)
    dev = []
    for (c, t), (r, _) in sorted(exp.items()):
        if c not in wanted:
            continue
        got = res.get((c, t))
        if got is None:
            dev.append(f'{c}/{t}: expected {r}, did not run')
        elif got != r and not (r == 'flaky' and got in ('pass', 'fail')):
            dev.append(f'{c}/{t}: expected {r}, got {got}')
    for (c, t), r in sorted(res.items()):
        if (c, t) not in exp:
            dev.append(f'{c}/{t}: {r}, but not in the baseline')
    if a.rows:
        with open(a.rows, 'w') as f:
            for (c, t) in sorted(set(res) | {k for k in exp if k[0] in wanted}):
                want = exp.get((c, t), (None,))[0]
                got = res.get((c, t))
                if want == 'flaky' and got in ('pass', 'fail'):
                    st = 'xfail' if got == 'fail' else 'pass'
                elif got is None or want is None or got != want:
                    st = 'FAIL'
                else:
                    st = {'pass': 'pass', 'skip': 'skip', 'fail': 'xfail'}[got]
                name = f'st/{c}/{t}'.replace('\t', ' ')
                f.write(f'{name}\t{st}\t-\n')
            for p in problems:
                f.write(f'st/problem: {p}\tFAIL\t-\n')
    for p in problems:
        print('problem:', p)
    for d in dev:
        print('deviation:', d)
    n = sum(1 for k in exp if k[0] in wanted)
    print(f'{len(res)} results, {n} expected; {len(dev)} deviations, {len(problems)} problems')
    return 1 if dev or problems else 0


if __name__ == '__main__':
    sys.exit(main())
