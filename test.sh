#!/usr/bin/env bash
# Runs TinyGen's test suite (xunit): unit tests, kernels and real models bit-exact in QEMU,
# the reference against onnxruntime and the ONNX node tests. Needs ./setup.sh to have run once.
# Tests that need something absent (shared models, onnxruntime, the Arm toolchain) skip and say why.
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
dotnet test TinyGen.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One plain summary line for CI readers: "N passed, N failed, N skipped".
summary=$(grep -E '(Passed|Failed)!? +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$log" | tail -n 1)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  echo "tests: $passed passed, $failed failed, $skipped skipped"
fi
rm -f "$log"
exit "$status"
