#!/usr/bin/env bash
# The mutation fuzzer: bench/fuzz/run.sh [--minutes N] [--seed S] [--first I] [--out DIR] [--time-limit-ms T]
# Real-model seeds come from TINYGEN_MODELS (default ../shared/models). A failing case is written to --out
# (default ./fuzz-failures) as seed<S>-case<I>.onnx with a .txt saying what was done and what happened;
# `--seed S --first I --minutes 0.01` runs it again, and `tinygen compile` on the file shows it directly.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export TINYGEN_MODELS="${TINYGEN_MODELS:-$(cd "$here/../.." && pwd)/../shared/models}"
exec dotnet run --project "$here/Fuzz.csproj" -c Release -- "$@"
