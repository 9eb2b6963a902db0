#!/usr/bin/env bash
# The main job (README): on a fresh Debian 12 / Ubuntu 24.04 machine with the .NET 10 SDK, installs what the lab
# needs (a Docker-API engine, ssh-keygen, the machine image, the Aspire CLI), publishes every artifact to
# artifacts/publish with `aspire publish`, then runs the platform with `aspire run`: the machines lab in the Aspire
# dashboard (http://127.0.0.1:18888, login link printed).
#
#   ./scripts/run.sh                               the machines lab (host layers: machines, OS, etcd, the VIP)
#   ./scripts/run.sh -- --Lab:Substrate=fast       k3s in a container (needs the rancher/k3s:v1.30.3-k3s1 image)
#   ./scripts/run.sh -- --Lab:Skip=                every Deployer phase (needs pkgs.k8s.io and registry.k8s.io)
#
# From a terminal it serves until Ctrl+C, then tears the lab down. Otherwise (CI, a pipe) it starts the AppHost
# in the background, waits until the lab is healthy, prints every resource's state, and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
command -v ssh-keygen >/dev/null || { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends openssh-client; }
eval "$(./scripts/setup-container-engine.sh --print-env)"
$sudo ./scripts/build-machine-image.sh
./scripts/install-aspire-cli.sh
export PATH="$PATH:$HOME/.dotnet/tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 ASPIRE_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

[ "${1:-}" = "--" ] && shift
aspire publish --output-path artifacts/publish --non-interactive

if [ -t 0 ] && [ -t 1 ]; then
  exec aspire run -- "$@"
fi

aspire start --non-interactive -- "$@"
trap 'aspire stop --non-interactive >/dev/null 2>&1 || true' EXIT
aspire wait lab --status healthy --timeout 900 --non-interactive
aspire describe --format Table --non-interactive
