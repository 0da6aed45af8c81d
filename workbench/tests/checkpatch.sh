#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every patch passes scripts/checkpatch.pl --strict, except for the named
# exceptions in workbench/checkpatch-exceptions (verified where marked).
. "$(dirname "$0")/../lib.sh"

exc=$WB_TOP/workbench/checkpatch-exceptions
# checkpatch runs scripts/spdxcheck.py with python3: use Debian's, which
# has python3-ply and python3-git.
export PATH=/usr/bin:$PATH
bad=0
is_mechanical() { grep -q '^  \$ spatch ' "$1"; }

# Is every file that patch $1 adds under an F: entry of MAINTAINERS?
added_files_maintained() {
	local f ok=0
	while read -r f; do
		if ! awk -v f="$f" '/^F:\t/ { p = $2; if (substr(p, length(p)) == "/" && index(f, p) == 1) m = 1 }
		     END { exit !m }' "$KTREE/MAINTAINERS"; then
			echo "    $f is not under any F: entry of MAINTAINERS"
			ok=1
		fi
	done < <(sed -n 's/^ create mode [0-7]* //p' "$1")
	return $ok
}

# Does checkpatch find type $2 at least as often ($3 times) in the lines
# that patch $1 removes? Then the patch only kept what was there.
preexisting() {
	python3 "$WB_TOP/workbench/tests/reverse-patch.py" "$1" >"$tmp/rev.diff"
	local out n
	# checkpatch exits non-zero when it finds anything: keep its output.
	out=$(cd "$KTREE" && scripts/checkpatch.pl --strict --show-types --no-signoff \
		"$tmp/rev.diff" 2>&1) || true
	n=$(printf '%s\n' "$out" | grep -c "^[A-Z]*:$2:" || true)
	[ "$n" -ge "$3" ]
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for p in $(series_patches); do
	name=$(basename "$p")
	out=$(cd "$KTREE" && scripts/checkpatch.pl --strict --show-types "$p" 2>&1) || true
	mapfile -t finds < <(printf '%s\n' "$out" | sed -n 's/^\(ERROR\|WARNING\|CHECK\):\([A-Z_0-9]*\):.*/\1 \2/p')
	status=clean
	for f in "${finds[@]}"; do
		type=${f#* }
		ok=0
		while IFS=$'\t' read -r glob etype who reason; do
			case "$glob" in '#'* | '') continue ;; esac
			# shellcheck disable=SC2254
			case "$name" in $glob) ;; *) continue ;; esac
			[ "$etype" = "$type" ] || [ "$etype" = ANY ] || continue
			[ "$who" = any ] || is_mechanical "$p" || continue
			case "$reason" in
			"verified: pre-existing"*)
				preexisting "$p" "$type" "$(printf '%s\n' "${finds[@]}" | grep -c " $type\$")" && ok=1 ;;
			verified:*)
				[ "$type" = FILE_PATH_CHANGES ] && added_files_maintained "$p" && ok=1 ;;
			*) ok=1 ;;
			esac
		done <"$exc"
		if [ "$ok" -eq 1 ]; then
			[ "$status" = FAIL ] || status="clean but for named exceptions"
		else
			echo "$name: $f"
			printf '%s\n' "$out" | grep -A3 -E "^(ERROR|WARNING|CHECK):$type:" | sed 's/^/    /'
			bad=1
			status=FAIL
		fi
	done
	printf '%-60s %s%s\n' "$name" "$status" "$(is_mechanical "$p" && echo ' (mechanical)')"
	if grep -q '^Traceback' <<<"$out"; then
		echo "$name: checkpatch's helper crashed:"; printf '%s\n' "$out" | grep -A5 Traceback
		bad=1
	fi
done
exit $bad
