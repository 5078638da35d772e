#!/usr/bin/env bash
# Random nets against the reference: bench/random-nets/run.sh [--seed S] [--count N] [--boards B1,B2] [--patched]
# Needs what ./setup.sh installs (arm-none-eabi-gcc, QEMU).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec dotnet run --project "$here/RandomNets.csproj" -c Release -- "$@"
