#!/usr/bin/env bash
# The MLPerf Tiny benchmark: bench/mlperf-tiny/run.sh [--boards mps2-an386,mps2-an500] [--json FILE] [--onnx]
# Needs what ./setup.sh installs (arm-none-eabi-gcc, QEMU) and the shared models (TINYGEN_MODELS, default ../shared/models).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec dotnet run --project "$here/MlperfTiny.csproj" -c Release -- "$@"
