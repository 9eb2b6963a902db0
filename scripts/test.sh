#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, prepares the container engine and
# the machine image, then runs every test project. Missing tools FAIL the tests here (PLATFORM_TEST_STRICT=1)
# instead of skipping them; only tests that need things this machine cannot have (a k3s image, a
# Kubernetes package mirror) skip, naming what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every step is bounded (85 minutes in all), so a stuck step fails naming itself inside CI's 90.
bounded() {
  local limit=$1; shift
  timeout --kill-after=30s "$limit" "$@" || { rc=$?; [ $rc -eq 124 ] && echo "test.sh: '$*' did not finish within $limit" >&2; return $rc; }
}

bounded 15m ./scripts/install-test-deps.sh
bounded 5m ./scripts/install-aspire-cli.sh
export PATH="$PATH:$HOME/.dotnet/tools"
engine_env=$(bounded 5m ./scripts/setup-container-engine.sh --print-env)
eval "$engine_env"
bounded 20m ./scripts/build-machine-image.sh

# Every AppHost, dashboard, DCP and test host watches files; the kernel's default of 128 inotify instances per user
# runs out when the test projects run side by side (kind documents the same limit).
if [ "$(cat /proc/sys/fs/inotify/max_user_instances)" -lt 512 ]; then
  $( [ "$(id -u)" -ne 0 ] && echo sudo ) sysctl -qw fs.inotify.max_user_instances=512 \
    || echo "test.sh: could not raise fs.inotify.max_user_instances to 512; tests may fail to start watching files" >&2
fi

export PLATFORM_TEST_STRICT=1
export TESTCONTAINERS_RYUK_DISABLED=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
# No build servers or reused MSBuild nodes: nothing may outlive this script (CI waits on its output).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT

mkdir -p artifacts/test-results
bounded 15m dotnet build Platform.sln -c Release -warnaserror -nodeReuse:false
# A hung test is killed after 15 minutes and named, instead of running into CI's time limit.
bounded 30m dotnet test Platform.sln -c Release --no-build \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  --logger "console;verbosity=normal" \
  --logger "trx" --results-directory artifacts/test-results
