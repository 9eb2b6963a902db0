#!/usr/bin/env bash
# The main job (README): on a fresh Debian 12 / Ubuntu 24.04 machine, installs what the lab needs (a
# Docker-API engine, ssh-keygen, the machine image), publishes every artifact to artifacts/publish, then
# runs the platform's AppHost in run mode: the lab and its dashboard (http://localhost:18888).
#
#   ./scripts/run.sh                          the machines lab, host layers only (see below)
#   ./scripts/run.sh --substrate machines     the machines lab with every Deployer phase
#   ./scripts/run.sh --substrate fast         k3s in a container (needs the rancher/k3s:v1.30.3-k3s1 image)
#
# Without arguments it runs the phases that need no Kubernetes package repository or registry (the test
# machines' images carry an offline apt repository and reach nothing else), with the distribution's etcd.
# From a terminal it serves until Ctrl+C and then tears the lab down; otherwise it exits once the lab is up.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
command -v ssh-keygen >/dev/null || { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends openssh-client; }
eval "$(./scripts/setup-container-engine.sh --print-env)"
./scripts/install-aspire-cli.sh
export PATH="$PATH:$HOME/.dotnet/tools"
$sudo ./scripts/build-machine-image.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
dotnet build AppHost -c Release -nodeReuse:false -p:UseSharedCompilation=false -v quiet -nologo
aspire publish --output-path artifacts/publish --non-interactive

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--substrate machines --etcd-source distro --skip kubernetes-packages,init,join-control-planes,join-workers,cni,addons)
fi
[ -t 0 ] || args+=(--exit-when-ready)
exec dotnet run --project AppHost -c Release --no-build -- "${args[@]}"
