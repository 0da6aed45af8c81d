#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# cocci-modes: every semantic patch of the series also works in the
# read-only modes that make coccicheck offers, and those modes point at
# exactly what patch mode changes. For each mechanical patch:
#
#  - every spatch command in its message passes exactly the options of
#    its script's "// Options:" header (the one line of the script that
#    scripts/coccicheck greps for "Options:"), besides what coccicheck
#    supplies itself or what selects the input and output: -D (the mode
#    and the script's parameters), --sp-file, --dir, --in-place,
#    --very-quiet and the file arguments. What make coccicheck runs is
#    then what the commit ran.
#  - its command (the script's parameters, its options, our copy of the
#    script) is rerun on the version of the C files that the patch
#    changes as they are at the patch's parent (the preimage blobs named
#    by its "index" lines; the kernel tree holds them after 'make apply',
#    with the headers they include with quotes, for rules that match by
#    C type), once with -D context, and with -D report and -D org plus
#    --no-show-diff, as scripts/coccicheck does:
#      context stars exactly the lines the patch removes (its "-" lines)
#              and prints no report;
#      report  prints one "file:line:col-col: message" per such line, no
#              other and no diff;
#      org     prints one "* TODO [[view:...]]" per such line, no other
#              and no diff.
#    One report (org entry) per starred line, not per match: a match that
#    changes several lines is reported on each, two changes on one line
#    once.
#  - the same four modes through the kernel's own driver, make coccicheck
#    MODE=patch|context|org|report COCCI=<script> M=<those files> in the
#    series' tree (so the "// Options:" header is what is used): patch
#    mode removes exactly the patch's "-" lines and adds its "+" lines,
#    and context, report and org mark exactly those lines, as above.
# "cocci-modes.sh REGEX" checks only the patches whose names match REGEX.
# The scripts are the ones this repository carries at their kernel paths
# (byte-identical to what patches/ adds: see kpath-files).
. "$(dirname "$0")/../lib.sh"
command -v spatch >/dev/null || die "spatch is missing (apt-get install coccinelle)"
kgit rev-parse -q --verify "$BASE_REF" >/dev/null || die "no base in $KTREE (run 'make prepare')"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
# x86_hw_mtrr.cocci keys what its helper rules collect by function name
# across files, so a token gate on them could change what it converts.
NO_QUERY_OK="x86_hw_mtrr.cocci"

# cmp.py PATCH DIR: compare the line sets. DIR holds context.out,
# report.out and org.out; prints a verdict line per mode, exits 1 on a
# mismatch.
cat >"$t/cmp.py" <<'EOF'
import re, sys
patch, d, name = sys.argv[1:4]
modes = sys.argv[4].split(',') if len(sys.argv) > 4 else ['context', 'report', 'org']

def diff_minus(text, src_only):
    """(file, old line) of every '-' line of a unified diff."""
    out, f, old = [], None, 0
    for l in text.splitlines():
        if l.startswith('--- '):
            f = l[4:].split('\t')[0]
            f = f[2:] if f.startswith('a/') else f
            continue
        if l.startswith('+++ ') or l.startswith('diff ') or l.startswith('index '):
            continue
        m = re.match(r'@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@', l)
        if m:
            old = int(m.group(1))
            continue
        if f is None or (src_only and not re.search(r'\.[ch]$', f)):
            continue
        if l.startswith('-'):
            out.append((f, old)); old += 1
        elif l.startswith(' ') or l == '':
            old += 1
    return out

text = open(patch, encoding='utf-8', errors='replace').read()
body = text.split('\n---\n', 1)[1] if '\n---\n' in text else text
want = set(diff_minus(body[body.find('\ndiff --git'):], True))

def plus_lines(text):
    """The text of every '+' line of the C files in a unified diff."""
    out, src = [], False
    for l in text.splitlines():
        if l.startswith('+++ '):
            f = l[4:].split('\t')[0]
            src = bool(re.search(r'\.[ch]$', f))
        elif src and l.startswith('+'):
            out.append(l[1:])
    return sorted(out)
want_plus = plus_lines(body[body.find('\ndiff --git'):])
def rel(pairs):
    """Paths relative to the tree: spatch --dir . prints them as ./path."""
    return [(f[2:] if f.startswith('./') else f, n) for f, n in pairs]

def parse(mode):
    out = open('%s/%s.out' % (d, mode), errors='replace').read()
    return {
        'patch': rel(diff_minus(out, False)),
        'plus': plus_lines(out),
        'context': rel(diff_minus(out, False)),
        'report': rel((m.group(1), int(m.group(2))) for m in re.finditer(
            r'^(\S+\.[ch]):(\d+):\d+-\d+: ', out, re.M)),
        'org': rel((m.group(1), int(m.group(2))) for m in re.finditer(
            r'^\* TODO \[\[view:(\S+?)::face=[^:]*::linb=(\d+)::', out, re.M)),
        'diffs': out.count('\n+++ ') + out.startswith('+++ '),
    }
parsed = {mode: parse(mode) for mode in modes}
got = {mode: parsed[mode][mode] for mode in parsed}
# Output of the wrong kind in each mode: reports in context or patch
# mode, a diff or the other list in report and org mode; in patch mode
# added lines other than the patch's.
stray = {
    'patch': len(parsed['patch']['report']) + len(parsed['patch']['org']) +
             (0 if parsed['patch']['plus'] == want_plus else 1) if 'patch' in parsed else 0,
    'context': len(parsed['context']['report']) + len(parsed['context']['org']) if 'context' in parsed else 0,
    'report': parsed['report']['diffs'] + len(parsed['report']['org']) if 'report' in parsed else 0,
    'org': parsed['org']['diffs'] + len(parsed['org']['report']) if 'org' in parsed else 0,
}
bad = 0
fmt = lambda s: ' '.join('%s:%d' % x for x in sorted(s))
tag = sys.argv[5] if len(sys.argv) > 5 else ''
for mode in modes:
    g = got[mode]
    dups = len(g) - len(set(g))
    missing, extra = want - set(g), set(g) - want
    ok = not missing and not extra and not dups and not stray[mode] and want
    print('%-4s %-7s %3d lines %3d expected  %s%s' % ('ok' if ok else 'FAIL', mode, len(g), len(want), tag, name))
    if not ok:
        bad = 1
        if missing: print('    > not marked: ' + fmt(missing))
        if extra: print('    > marked, not removed by the patch: ' + fmt(extra))
        if dups: print('    > %d lines marked more than once' % dups)
        if stray[mode]: print('    > output of another mode, or added lines other than the patch\'s (%d)' % stray[mode])
sys.exit(bad)
EOF

# The series' commits in order: patch k is commit k.
mapfile -t commits < <(kgit rev-list --reverse "$BASE_REF..refs/heads/$SERIES_BRANCH")
bad=0 n=0 k=0
while IFS= read -r p; do
	k=$((k + 1))
	mapfile -t cmds < <(regen_cmds "$p" | { grep "^spatch " || true; })
	[ ${#cmds[@]} -gt 0 ] || continue
	name=$(basename "$p" .patch)
	# An argument (a regular expression) limits the test to the patches
	# whose names match it.
	[[ -z "${1:-}" || $name =~ $1 ]] || continue
	n=$((n + 1))

	# The options of every command against the script's header.
	run= input= obad=0
	for cmd in "${cmds[@]}"; do
		read -r -a argv <<<"$cmd"
		sp= opts=() params=() i=1
		while [ $i -lt ${#argv[@]} ]; do
			a=${argv[$i]}
			case "$a" in
			--sp-file) i=$((i + 1)); sp=${argv[$i]} ;;
			--dir) i=$((i + 1)); input=(--dir .) ;;
			-D) i=$((i + 1)); [ "${argv[$i]}" = patch ] || params+=(-D "${argv[$i]}") ;;
			--in-place | --very-quiet) ;;
			-*) opts+=("$a") ;;
			*.c | *.h) ;;
			*) opts+=("$a") ;;
			esac
			i=$((i + 1))
		done
		[ -n "$sp" ] && [ -r "$WB_TOP/$sp" ] || { echo "FAIL options no script in: $cmd"; obad=1; continue; }
		hdr=$(grep 'Options:' "$WB_TOP/$sp" || true)
		if [ "$(printf '%s\n' "$hdr" | grep -c .)" -ne 1 ]; then
			echo "FAIL options $sp has $(printf '%s\n' "$hdr" | grep -c .) lines with 'Options:', coccicheck takes one"
			obad=1
			continue
		fi
		hdr=$(printf '%s\n' "$hdr" | cut -d: -f2 | xargs)
		if [ "${opts[*]}" != "$hdr" ]; then
			echo "FAIL options '${opts[*]}' but $sp says '$hdr'  $name"
			obad=1
		fi
		# Every command of a patch runs the same script the same way,
		# only on other folders: one run on all its files covers them.
		this="--sp-file $sp ${params[*]} ${opts[*]}"
		if [ -z "$run" ]; then
			run=$this
		elif [ "$run" != "$this" ]; then
			echo "FAIL options the commands of $name differ in more than --dir: '$run', '$this'"
			obad=1
		fi
	done
	# spatch skips a file before parsing it only if the script has a
	# grep query (every rule needs a fixed token; see has_tokens in the
	# pagesize scripts). Without one it parses every file of the
	# folder, which costs make regen minutes. NO_QUERY_OK lists the
	# scripts that may go without, with the reason.
	if [ $obad = 0 ] && ! spatch --parse-cocci "$WB_TOP/$sp" "${params[@]}" 2>&1 | grep -q '^Grep query'; then
		case " $NO_QUERY_OK " in
		*" $(basename "$sp") "*) echo "ok   query   none, as NO_QUERY_OK allows  $name" ;;
		*) echo "FAIL query   $sp has no grep query: give its token-free rules 'depends on has_tokens'  $name"
		   obad=1 ;;
		esac
	fi
	if [ $obad = 0 ]; then
		echo "ok   options ${#cmds[@]} command(s) = '// Options: $hdr'  $name"
	else
		bad=1
	fi

	# The preimage of the patch's C files.
	rm -rf "$t/tree" && mkdir -p "$t/tree"
	files=()
	while read -r f h; do
		case "$f" in *.c | *.h) ;; *) continue ;; esac
		case "$h" in *[!0]*) ;; *) continue ;; esac # added by the patch
		mkdir -p "$t/tree/$(dirname "$f")"
		kgit cat-file blob "$h" >"$t/tree/$f" 2>/dev/null ||
			die "$name: preimage $h of $f is not in $KTREE (run 'make apply')"
		files+=("$f")
	done < <(awk '/^diff --git / { f = $3; sub(/^a\//, "", f) }
		      /^index / { split($2, h, /\.\./); print f, h[1] }' "$p")
	# Coccinelle reads the headers a file includes with quotes, next to
	# it, for the types of its declarations (a rule may match by C type),
	# so they come along, as at the patch's parent, two levels deep. A
	# header the patch does not change has no match (patch mode ran over
	# its whole folder), so it adds nothing to what the modes report.
	parent=${commits[$((k - 1))]}^
	todo=("${files[@]}")
	for _ in 1 2; do
		next=()
		for f in "${todo[@]}"; do
			for inc in $(sed -nE 's/^#[[:space:]]*include[[:space:]]+"([^"]+)".*/\1/p' "$t/tree/$f"); do
				h=$(realpath -m --relative-to=. "$(dirname "$f")/$inc")
				[ -e "$t/tree/$h" ] && continue
				kgit cat-file -e "$parent:$h" 2>/dev/null || continue
				mkdir -p "$t/tree/$(dirname "$h")"
				kgit cat-file blob "$parent:$h" >"$t/tree/$h"
				next+=("$h")
			done
		done
		todo=("${next[@]}")
	done

	# The command with its mode, its files and our copy of the script.
	# The tree holds only the patch's files: a command that names a
	# folder runs on the tree's top (spatch then takes each file on its
	# own), one that names files on those files (taken as one group).
	read -r -a argv <<<"$run"
	argv[1]=$WB_TOP/${argv[1]}
	[ -n "$input" ] || input=("${files[@]}")
	for mode in context report org; do
		case $mode in context) nsd=() ;; *) nsd=(--no-show-diff) ;; esac
		(cd "$t/tree" && spatch --very-quiet -D "$mode" "${argv[@]}" "${nsd[@]}" "${input[@]}") \
			>"$t/$mode.out" 2>&1 || { echo "FAIL $mode spatch failed  $name"; bad=1; }
	done
	python3 "$t/cmp.py" "$p" "$t" "$name" || {
		bad=1
		for mode in context report org; do
			sed -n '1,15s/^/    '"$mode"'> /p' "$t/$mode.out"
		done
	}

	# The same through make coccicheck, in all four modes, on the same
	# files (M= the scratch tree); its paths are made relative again.
	# J=1: one spatch process, as above. With several, a header that a
	# .c file includes with quotes is matched in more than one process,
	# and a script's one-report-per-line bookkeeping lives in each.
	mkdir -p "$t/cc"
	for mode in patch context report org; do
		make -s -C "$KTREE" coccicheck MODE=$mode COCCI="${argv[1]}" M="$t/tree" J=1 \
			SPFLAGS="${params[*]}" >"$t/cc/$mode.raw" 2>&1 ||
			{ echo "FAIL $mode make coccicheck failed  $name"; bad=1; }
		sed -e "s|a$t/tree/|a/|g" -e "s|b$t/tree/|b/|g" -e "s|$t/tree/||g" \
			"$t/cc/$mode.raw" >"$t/cc/$mode.out"
	done
	python3 "$t/cmp.py" "$p" "$t/cc" "$name" patch,context,report,org "coccicheck " || {
		bad=1
		for mode in patch context report org; do
			sed -n '1,15s/^/    coccicheck '"$mode"'> /p' "$t/cc/$mode.out"
		done
	}
done < <(series_patches)
[ $n -gt 0 ] || die "no mechanical patch found in $PATCHES"
exit $bad
