#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Remove build/, unless the kernel tree there holds work that would be lost.
. "$(dirname "$0")/lib.sh"

k=$KTREE
case "$k" in "$BUILD"/*) ;; *) k="" ;; esac
if [ -n "$k" ] && [ -d "$k/.git" ]; then
	require_clean_tree "$k"
	head=$(git -C "$k" rev-parse -q --verify "refs/heads/$SERIES_BRANCH" || true)
	applied=$(git -C "$k" rev-parse -q --verify "$APPLIED_REF" || true)
	if [ -n "$head" ] && [ "$head" != "$applied" ]; then
		die "$k: branch $SERIES_BRANCH has commits not in patches/: run 'make export' first"
	fi
fi
rm -rf "$BUILD"
note "removed $BUILD"
