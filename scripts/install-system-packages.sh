#!/usr/bin/env bash
# Installs the Debian packages BladderLnAi needs and that are not installed yet.
# Usage: scripts/install-system-packages.sh [--with-tests]
#   --with-tests  also installs Chromium (browser tests) and fonts for screenshots
set -euo pipefail

packages=(libopenslide0)
if [[ "${1:-}" == "--with-tests" ]]; then
    packages+=(chromium fonts-dejavu-core)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
