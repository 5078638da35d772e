#!/usr/bin/env bash
# Sets up a fresh Debian machine for TinyGen, installs the `tinygen` dotnet tool from this checkout,
# and runs the main job on the bundled example: a DS-CNN keyword-spotting network (seeded weights,
# quantized ONNX) compiled to C, built for the Cortex-M4 board and run in QEMU against the reference.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: the Arm toolchain, newlib, QEMU, CMake, the ONNX conformance data; node for the oracle;
# chromium, headless, in which the tests render the HTML report (about a minute to install, measured).
packages=()
command -v arm-none-eabi-gcc >/dev/null || packages+=(gcc-arm-none-eabi)
[ -d /usr/lib/arm-none-eabi/newlib ] || [ -d /usr/lib/arm-none-eabi/lib ] || packages+=(libnewlib-arm-none-eabi)
command -v qemu-system-arm >/dev/null || packages+=(qemu-system-arm)
# cmake: the tests configure and build the CMake export with its arm-none-eabi toolchain file.
command -v cmake >/dev/null || packages+=(cmake)
dpkg -s libonnx-testdata >/dev/null 2>&1 || packages+=(libonnx-testdata)
command -v chromium >/dev/null || packages+=(chromium)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not found)" >&2; exit 1; }
if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing ${packages[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The onnxruntime oracle the tests compare the reference with (CPU binding only; no downloads).
(cd tests/oracle && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error)

# The tool, packed from this checkout and installed (or updated) globally.
dotnet pack generator/TinyGen.Cli -c Release -o artifacts/packages --nologo -v quiet
# Same version number, new build: drop the installed tool and NuGet's cached copy so this checkout wins.
dotnet tool uninstall --global tinygen >/dev/null 2>&1 || true
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/tinygen"
dotnet tool install --global tinygen --add-source artifacts/packages --version "$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)" >/dev/null
export PATH="$PATH:$HOME/.dotnet/tools"

# The main job on the bundled example.
tinygen example ds-cnn -o artifacts/ds_cnn.onnx
tinygen run artifacts/ds_cnn.onnx --board mps2-an386
echo "setup: done. tinygen is installed in ~/.dotnet/tools (add it to PATH); run the tests with ./test.sh"
