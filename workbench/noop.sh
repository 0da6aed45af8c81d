#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# noop.sh [FROM [TO]]: prove that the commits FROM..TO change no generated
# code. Both trees are built with the same config and reproducible
# settings (each in a scratch worktree and its own O= folder), then
# vmlinux and every built .o must be byte-identical. A difference fails
# and names the object and the first differing function.
#
# Defaults: FROM is the base, TO the series' last mechanical commit (one
# whose message carries "  $ spatch" regeneration commands).
# NOOP_CONFIG names the fragment (default configs/qemu.config), NOOP_BASECONFIG
# the base config (default tinyconfig; check-all also uses defconfig).
. "$(dirname "$0")/lib.sh"

branch=refs/heads/$SERIES_BRANCH
from=${1:-$BASE_REF}
if [ -n "${2:-}" ]; then
	to=$2
else
	to=""
	for c in $(kgit rev-list --reverse "$BASE_REF..$branch"); do
		msg=$(kgit log -1 --format=%B "$c")
		grep -q '^  \$ spatch ' <<<"$msg" && to=$c
	done
	[ -n "$to" ] || die "the series has no mechanical commit"
fi
from=$(kgit rev-parse --verify "$from^{commit}")
to=$(kgit rev-parse --verify "$to^{commit}")
tag=${NOOP_TAG:-${NOOP_BASECONFIG:-tinyconfig}}
frag=${NOOP_CONFIG:-$WB_TOP/configs/qemu.config}
export WB_BASECONFIG=${NOOP_BASECONFIG:-tinyconfig}
export WB_TARGET=${WB_TARGET:-vmlinux}

note "no-op proof ($tag): $(kgit log -1 --format='%h %s' "$from")"
note "                 .. $(kgit log -1 --format='%h %s' "$to") ($(kgit rev-list --count "$from..$to") commits)"
for side in a b; do
	wt=$BUILD/noop-$side
	rev=$from
	[ "$side" = b ] && rev=$to
	if [ ! -d "$wt" ]; then
		kgit worktree prune
		kgit worktree add -q --detach "$wt" "$rev"
	else
		require_clean_tree "$wt"
		git -C "$wt" checkout -q --detach "$rev"
	fi
	t0=$(now)
	bash "$WB_TOP/workbench/build.sh" "noop-$tag-$side" "$wt" "$frag"
	note "built side $side in $(elapsed "$t0")s"
done
python3 "$WB_TOP/workbench/objcmp.py" "$BUILD/out/noop-$tag-a" "$BUILD/out/noop-$tag-b"
