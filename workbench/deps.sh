#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the workbench needs from Debian's packages, or do nothing
# when everything is there. WB_NO_INSTALL=1 only checks.
. "$(dirname "$0")/lib.sh"

pkgs=(linux-source-6.12 coccinelle qemu-system-x86 gcc make flex bison bc
	libelf-dev libssl-dev libc6-dev cpio busybox-static ccache xz-utils
	python3 python3-ply python3-git python3-docutils perl git
	bash-static libnuma-dev libcap-dev liburing-dev rsync ${WB_DEPS_EXTRA:-})

# The base is the exact package version that the cover letter records
# (base-package:). Debian's security archive moves on, and a newer
# linux-source-6.12 is another base that the series may not apply to, so
# the recorded version is installed (the archive keeps several). With
# LINUX_SRC the package is not the base, and any version will do.
base_ver=
[ -n "${LINUX_SRC:-}" ] || base_ver=$(recorded package | awk -v p="$WB_BASE_PKG" '$1 == p { print $2 }')

missing=()
for p in "${pkgs[@]}"; do
	s=$(dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	if [ "$p" = "$WB_BASE_PKG" ] && [ -n "$base_ver" ]; then
		have=$(dpkg-query -W -f '${Version}' "$p" 2>/dev/null || true)
		case "$s" in
		ii*) [ "$have" = "$base_ver" ] && continue
			note "$p $have is installed, but the recorded base is $base_ver" ;;
		esac
		missing+=("$p=$base_ver")
		continue
	fi
	case "$s" in ii*) ;; *) missing+=("$p") ;; esac
done
if [ ${#missing[@]} -eq 0 ]; then
	note "all ${#pkgs[@]} packages present"
	exit 0
fi
note "missing packages: ${missing[*]}"
if [ -n "$WB_NO_INSTALL" ] || [ "$(id -u)" -ne 0 ]; then
	down=
	[[ " ${missing[*]} " == *" $WB_BASE_PKG="* ]] && down=" --allow-downgrades"
	die "install them with: apt-get update && apt-get install --no-install-recommends$down ${missing[*]}"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >"$LOGS/apt.log" 2>&1 || { tail -n 5 "$LOGS/apt.log" >&2; die "apt-get update failed (log: $LOGS/apt.log)"; }
if [ -n "$base_ver" ] && [[ " ${missing[*]} " == *" $WB_BASE_PKG=$base_ver "* ]] &&
	! apt-cache madison "$WB_BASE_PKG" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | grep -qxF "$base_ver"; then
	note "error: the recorded base $WB_BASE_PKG $base_ver is no longer in Debian's archive."
	note "Available: $(apt-cache madison "$WB_BASE_PKG" | awk -F'|' '{ gsub(/ /, "", $2); printf "%s ", $2 }')"
	die "rebase the series onto an available version (and record it in the cover letter), or use LINUX_SRC=<git tree>"
fi
if ! apt-get install -y -q --allow-downgrades --no-install-recommends "${missing[@]}" >>"$LOGS/apt.log" 2>&1; then
	grep -E '^E:' "$LOGS/apt.log" | sed 's/^/    /' >&2 || tail -n 5 "$LOGS/apt.log" >&2
	die "could not install: ${missing[*]} (log: $LOGS/apt.log)"
fi
note "installed: ${missing[*]}"
