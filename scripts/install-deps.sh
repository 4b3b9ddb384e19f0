#!/usr/bin/env bash
# Installs what the test suite needs on Debian/Ubuntu (as root, or with sudo): the Debian
# packages that are missing, then the npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# openssh-server/sudo: the suite's own sshd on 127.0.0.1 and become tests.
# ansible (Debian: ansible-core 2.14 + collections): differential tests and syntax-check compatibility.
# shellcheck, caddy, fail2ban, systemd: molecule-lite's real validators.
# git, cron, ufw, iptables, iproute2, procps: system modules' real tests (network namespaces for ufw).
packages=(openssh-server openssh-client sudo ansible ansible-core shellcheck caddy fail2ban systemd git cron ufw iptables iproute2 procps curl passwd make)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
