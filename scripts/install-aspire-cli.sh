#!/usr/bin/env bash
# Installs the Aspire CLI (a .NET global tool) at the version the AppHost is built with. Idempotent.
# Prints nothing on stdout; callers add ~/.dotnet/tools to PATH.
set -euo pipefail

version=13.6.5
say() { echo "install-aspire-cli: $*" >&2; }
aspire="$HOME/.dotnet/tools/aspire"

if [ -x "$aspire" ] && "$aspire" --version 2>/dev/null | grep -q "^$version"; then
  say "Aspire CLI $version present"
  exit 0
fi

command -v dotnet >/dev/null || { say "the .NET 10 SDK is needed first (dotnet on PATH): https://dot.net"; exit 1; }
say "installing the Aspire CLI $version (dotnet tool Aspire.Cli)"
# 'update' installs when the tool is missing and moves any other version to this one.
DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet tool update --global Aspire.Cli --version "$version" >&2
"$aspire" --version >/dev/null
say "installed $("$aspire" --version)"
