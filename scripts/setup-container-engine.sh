#!/usr/bin/env bash
# Makes a Docker-API container engine available for the lab and the test machines (Debian 12 /
# Ubuntu 24.04, as root). A running Docker engine is used as it is; otherwise podman (with runc: crun
# fails on cgroup-v1 hybrid hosts) serves the Docker API on unix:///run/podman/podman.sock.
# Idempotent. With --print-env it prints the export line for DOCKER_HOST (for eval).
set -euo pipefail

print_env=0
[ "${1:-}" = "--print-env" ] && print_env=1
say() { echo "setup-container-engine: $*" >&2; }
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

answers() { curl -fsS --max-time 3 --unix-socket "$1" http://d/v1.41/_ping >/dev/null 2>&1; }

if [ -S /var/run/docker.sock ] && answers /var/run/docker.sock; then
  say "using the Docker engine on /var/run/docker.sock"
  [ $print_env -eq 1 ] && echo "export DOCKER_HOST=unix:///var/run/docker.sock"
  exit 0
fi

socket=/run/podman/podman.sock
if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  say "installing podman and runc"
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null; $sudo chmod 755 /usr/sbin/policy-rc.d; created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >&2
  $sudo apt-get install -y -q --no-install-recommends podman runc uidmap slirp4netns fuse-overlayfs iptables curl >&2
  [ $created_policy -eq 1 ] && $sudo rm -f /usr/sbin/policy-rc.d
fi

# runc instead of crun, and no default ulimits (setrlimit is refused in some sandboxes).
conf=/etc/containers/containers.conf
if ! grep -q '^runtime *= *"runc"' "$conf" 2>/dev/null; then
  say "configuring $conf (runtime runc, no default ulimits)"
  $sudo mkdir -p /etc/containers
  $sudo tee "$conf" >/dev/null <<'CONF'
# Written by Platform's scripts/setup-container-engine.sh.
[containers]
default_ulimits = []

[engine]
runtime = "runc"
CONF
fi

# A service started from a folder that was deleted since (a removed clone) passes that folder on to
# conmon, which then cannot start any container: restart it from /.
service_pid=$(pgrep -f "podman system service.*$socket" | head -n1 || true)
if [ -n "$service_pid" ] && readlink "/proc/$service_pid/cwd" 2>/dev/null | grep -q '(deleted)$'; then
  say "restarting podman's API service (its working folder was deleted)"
  $sudo kill "$service_pid"
  for _ in $(seq 1 50); do kill -0 "$service_pid" 2>/dev/null || break; sleep 0.2; done
fi

if answers "$socket"; then
  say "podman already serves the Docker API on $socket"
else
  say "starting podman's Docker API service on $socket"
  $sudo mkdir -p /run/podman
  # The service outlives this script: start it from /, in its own session, holding none of the caller's
  # descriptors, so whoever runs this script (a terminal, CI reading a pipe) is not kept waiting on it.
  (
    cd /
    for fd in $(ls "/proc/$BASHPID/fd"); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
    exec $sudo setsid podman system service --time=0 "unix://$socket" </dev/null >>/var/log/podman-service.log 2>&1
  ) &
  for _ in $(seq 1 50); do
    answers "$socket" && break
    sleep 0.2
  done
  answers "$socket" || { say "podman did not answer on $socket; see /var/log/podman-service.log"; exit 1; }
fi

[ $print_env -eq 1 ] && echo "export DOCKER_HOST=unix://$socket"
say "ready: DOCKER_HOST=unix://$socket"
