#!/usr/bin/env bash
# Installs the real tools the tests run against (Debian 12 / Ubuntu 24.04, as root or with sudo).
# Idempotent: only missing packages are installed. Daemons are installed but NOT started (policy-rc.d):
# tests start their own instances on loopback or in their own test machines.
set -euo pipefail

packages=(
  haproxy keepalived                      # rendered haproxy.cfg / keepalived.conf checked with -c / -t
  prometheus prometheus-node-exporter     # promtool check/test rules; Prometheus scrapes the test machines
  etcd-server etcd-client                 # a real etcd runs the rendered configuration
  openssh-server openssh-client           # sshd -t checks the hardening; a loopback sshd tests the SSH transport
  systemd                                 # systemd-analyze verify for rendered units
  chrony nftables openssl curl ca-certificates
  ansible                                 # the peer in the deploy benchmark
  chromium                                # the dashboard's browser tests (driven by Playwright)
  debootstrap podman runc uidmap slirp4netns fuse-overlayfs iptables dpkg-dev   # test machines
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-test-deps: installing ${missing[*]}"
# Keep package scripts from starting daemons on this machine (sshd on :22, etcd, haproxy...).
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
trap '[ $created_policy -eq 1 ] && $sudo rm -f /usr/sbin/policy-rc.d' EXIT

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-test-deps: done"
