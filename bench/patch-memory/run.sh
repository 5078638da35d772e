#!/usr/bin/env bash
# The patch-memory benchmark: bench/patch-memory/run.sh [--json FILE] [--run]
# Prints peak SRAM layer by layer (MCUNetV2's counting and TinyGen's plan) and with the searched patch plan.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec dotnet run --project "$here/PatchMemory.csproj" -c Release -- "$@"
