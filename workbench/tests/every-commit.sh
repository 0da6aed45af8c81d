#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every commit of the series builds (x86_64 QEMU config, WERROR), in a
# scratch worktree so the kernel work tree is not touched. Incremental:
# one build folder, ccache on.
#
# A full run takes hours on 2 cores (most commits touch a header that
# nearly every object includes), more than one session. So each
# successful build is recorded in workbench/every-commit.ok, keyed by
# the hash of the source the build reads (the commit's tree without
# Documentation/ and scripts/coccinelle/), the config fragment and the
# compiler: the same key is the same source built the same way. A commit whose key is
# recorded is not built again; EVERY_COMMIT_REBUILD=1 builds everything.
# EVERY_COMMIT_BUDGET=SECONDS stops (and fails) once that much time has
# gone, so that a partial run still records what it built.
# EVERY_COMMIT_RANGE=A-B (patch numbers, 1-based) builds only patches A
# to B; the others count as not built, so the run fails unless each of
# them is in the ledger already.
. "$(dirname "$0")/../lib.sh"

ledger=${EVERY_COMMIT_LEDGER:-$WB_TOP/workbench/every-commit.ok}
cfg=$(cat "$WB_TOP/configs/qemu.config" | sha256sum | cut -c1-16)
ccv=$(gcc --version | head -n 1)
# The source a build reads: the commit's tree without Documentation/ and
# scripts/coccinelle/, which no kernel build reads (a commit that changes
# only a semantic patch or a page of documentation builds as its parent).
build_tree() {
	kgit ls-tree -r "$1" | grep -vP '\t(Documentation|scripts/coccinelle)/' | sha1sum | cut -c1-40
}
key_of() { printf 'src:%s %s %s' "$(build_tree "$1")" "$cfg" "$ccv"; }
recorded_ok() {
	[ -z "$EVERY_COMMIT_REBUILD" ] && [ -r "$ledger" ] &&
		awk -F'\t' -v k="$1" '$1 == k { f = 1 } END { exit !f }' "$ledger"
}

wt=$BUILD/every
[ -d "$wt" ] || add_worktree "$wt" "$BASE_REF"
bad=0 built=0 known=0 left=0 t_start=$(now)
[ -z "$EVERY_COMMIT_RANGE" ] || [[ $EVERY_COMMIT_RANGE =~ ^[0-9]+-[0-9]+$ ]] ||
	die "EVERY_COMMIT_RANGE takes A-B, two patch numbers (got '$EVERY_COMMIT_RANGE')"
n=0
for c in $(kgit rev-list --reverse "$BASE_REF..refs/heads/$SERIES_BRANCH"); do
	n=$((n + 1))
	subj=$(kgit log -1 --format='%h %s' "$c")
	key=$(key_of "$c")
	if recorded_ok "$key"; then
		printf 'ok    (built before, same source)  %s\n' "$subj"
		known=$((known + 1))
		continue
	fi
	if [ -n "$EVERY_COMMIT_RANGE" ] &&
		{ [ "$n" -lt "${EVERY_COMMIT_RANGE%-*}" ] || [ "$n" -gt "${EVERY_COMMIT_RANGE#*-}" ]; }; then
		printf 'NOT BUILT (outside EVERY_COMMIT_RANGE)  %s\n' "$subj"
		left=$((left + 1))
		continue
	fi
	if [ -n "$EVERY_COMMIT_BUDGET" ] &&
		[ "$(elapsed "$t_start" | cut -d. -f1)" -ge "$EVERY_COMMIT_BUDGET" ]; then
		printf 'NOT BUILT (time budget)  %s\n' "$subj"
		left=$((left + 1))
		continue
	fi
	git -C "$wt" checkout -q --detach "$c"
	t0=$(now)
	if bash "$WB_TOP/workbench/build.sh" every "$wt" >/dev/null 2>"$LOGS/every-$c.err"; then
		printf 'ok    %ss  %s\n' "$(elapsed "$t0")" "$subj"
		printf '%s\t%s\t%s\n' "$key" "$(date -u +%F)" "$subj" >>"$ledger"
		built=$((built + 1))
	else
		printf 'FAIL  %ss  %s\n' "$(elapsed "$t0")" "$subj"
		sed 's/^/    /' "$LOGS/every-$c.err" | tail -n 15
		bad=1
	fi
done
echo "every commit: built now $built, same source built before $known ($ledger), not built $left, failed: $([ $bad -eq 0 ] && echo none || echo see above)"
[ "$left" -eq 0 ] || bad=1
exit $bad
