#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every commit of the series builds (x86_64 QEMU config, WERROR), in a
# scratch worktree so the kernel work tree is not touched. Incremental:
# one build folder, ccache on.
. "$(dirname "$0")/../lib.sh"

wt=$BUILD/every
if [ ! -d "$wt" ]; then
	kgit worktree prune
	kgit worktree add -q --detach "$wt" "$BASE_REF"
fi
bad=0
for c in $(kgit rev-list --reverse "$BASE_REF..refs/heads/$SERIES_BRANCH"); do
	git -C "$wt" checkout -q --detach "$c"
	t0=$(now)
	if bash "$WB_TOP/workbench/build.sh" every "$wt" >/dev/null 2>"$LOGS/every-$c.err"; then
		printf 'ok    %ss  %s\n' "$(elapsed "$t0")" "$(kgit log -1 --format='%h %s' "$c")"
	else
		printf 'FAIL  %ss  %s\n' "$(elapsed "$t0")" "$(kgit log -1 --format='%h %s' "$c")"
		sed 's/^/    /' "$LOGS/every-$c.err" | tail -n 15
		bad=1
	fi
done
exit $bad
