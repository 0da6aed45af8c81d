#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the workbench needs from Debian's packages, or do nothing
# when everything is there. WB_NO_INSTALL=1 only checks.
. "$(dirname "$0")/lib.sh"

pkgs=(linux-source-6.12 coccinelle qemu-system-x86 gcc make flex bison bc
	libelf-dev libssl-dev libc6-dev cpio busybox-static ccache xz-utils
	python3 python3-ply python3-git python3-docutils perl git
	bash-static libnuma-dev libcap-dev liburing-dev rsync ${WB_DEPS_EXTRA:-})

missing=()
for p in "${pkgs[@]}"; do
	s=$(dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	case "$s" in ii*) ;; *) missing+=("$p") ;; esac
done
if [ ${#missing[@]} -eq 0 ]; then
	note "all ${#pkgs[@]} packages present"
	exit 0
fi
note "missing packages: ${missing[*]}"
if [ -n "${WB_NO_INSTALL:-}" ] || [ "$(id -u)" -ne 0 ]; then
	die "install them with: apt-get update && apt-get install --no-install-recommends ${missing[*]}"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >"$LOGS/apt.log" 2>&1 || { tail -n 5 "$LOGS/apt.log" >&2; die "apt-get update failed (log: $LOGS/apt.log)"; }
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$LOGS/apt.log" 2>&1; then
	grep -E '^E:' "$LOGS/apt.log" | sed 's/^/    /' >&2 || tail -n 5 "$LOGS/apt.log" >&2
	die "could not install: ${missing[*]} (log: $LOGS/apt.log)"
fi
note "installed: ${missing[*]}"
