#!/usr/bin/env bash
# Self-check of the TinyGen firmware: builds the hand-written example model
# (model.c) with every kernel and the harness for BOARD (boards/BOARD.yaml),
# runs it in QEMU and checks the TG_* protocol output against expected.txt
# (itself checked on the host by reference.c, an independent recomputation).
#
# Usage: firmware/harness/example/build-and-run.sh BOARD [OUT_DIR]
set -euo pipefail

BOARD=${1:?usage: build-and-run.sh BOARD [OUT_DIR]}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
BOARDS="$ROOT/boards"
YAML="$BOARDS/$BOARD.yaml"
OUT=${2:-"${TMPDIR:-/tmp}/tg-example-$BOARD"}
[ -f "$YAML" ] || { echo "no board descriptor $YAML" >&2; exit 2; }
mkdir -p "$OUT"

# Minimal reader for the flat keys of a board descriptor.
key() { sed -n "s/^$1:[[:space:]]*//p" "$YAML" | sed 's/[[:space:]]*#.*$//'; }
CFLAGS_BOARD=$(key cflags | tr -d '[]' | tr ',' ' ')
CPU_HZ=$(key cpu_hz)
UART_BASE=$(key uart_base)
LDSCRIPT=$(key linker_script)
STACK=$(key stack_size)
MACHINE=$(key qemu | sed -n 's/.*machine:[[:space:]]*\([^,} ]*\).*/\1/p')
QCPU=$(key qemu | sed -n 's/.*cpu:[[:space:]]*\([^,} ]*\).*/\1/p')

CC=arm-none-eabi-gcc
CFLAGS="$CFLAGS_BOARD -O2 -std=c99 -Wall -Wextra -Werror -ffunction-sections -fdata-sections
        -DTG_UART_BASE=$UART_BASE -DTG_CPU_HZ=$CPU_HZ
        -I$ROOT/firmware/include -I$ROOT/firmware/harness -I$HERE"
LDFLAGS="$CFLAGS_BOARD -nostartfiles --specs=nano.specs --specs=nosys.specs
         -Wl,--gc-sections -L$BOARDS -T$LDSCRIPT -Wl,--defsym=__tg_stack_size=$STACK
         -Wl,-Map=$OUT/app.map"

SOURCES="$ROOT/firmware/kernels/*.c $ROOT/firmware/harness/startup.c $ROOT/firmware/harness/harness.c
         $ROOT/firmware/harness/tg_uart.c $ROOT/firmware/harness/tg_icount.c $HERE/model.c"
OBJS=""
for src in $SOURCES; do
    obj="$OUT/$(basename "${src%.c}").o"
    # shellcheck disable=SC2086
    $CC $CFLAGS -c "$src" -o "$obj"
    OBJS="$OBJS $obj"
done
# shellcheck disable=SC2086
$CC $LDFLAGS $OBJS -o "$OUT/app.elf"
arm-none-eabi-size "$OUT/app.elf"

QEMU_ARGS=(-M "$MACHINE" -display none -monitor none -serial stdio
           -semihosting-config enable=on,target=native -icount shift=0 -kernel "$OUT/app.elf")
if [ -n "$QCPU" ] && [ "$QCPU" != "null" ]; then QEMU_ARGS+=(-cpu "$QCPU"); fi
set +e
timeout 30 qemu-system-arm "${QEMU_ARGS[@]}" > "$OUT/run.txt" 2> "$OUT/run.err"
RC=$?
set -e
cat "$OUT/run.txt"
[ -s "$OUT/run.err" ] && cat "$OUT/run.err" >&2

fail() { echo "FAIL ($BOARD): $*" >&2; exit 1; }
[ "$RC" -eq 0 ] || fail "qemu exit status $RC"
grep -q '^TG_BEGIN$' "$OUT/run.txt" && grep -q '^TG_END$' "$OUT/run.txt" || fail "protocol frame missing"
grep -q '^TG_STATUS 0$' "$OUT/run.txt" || fail "invoke status"
diff <(grep -E '^TG_(OUTPUT|DATA) ' "$OUT/run.txt") <(grep -E '^TG_(OUTPUT|DATA) ' "$HERE/expected.txt") \
    || fail "outputs differ from expected.txt"
INSTR=$(sed -n 's/^TG_INSTRUCTIONS //p' "$OUT/run.txt")
STK=$(sed -n 's/^TG_STACK //p' "$OUT/run.txt")
[ "$INSTR" -gt 1000 ] && [ "$INSTR" -lt 10000000 ] || fail "implausible instruction count $INSTR"
[ "$STK" -gt 0 ] && [ "$STK" -lt "$STACK" ] || fail "implausible stack high-water $STK"

if command -v gcc > /dev/null; then
    gcc -std=c99 -O2 -Wall -Wextra -Werror -I"$HERE" "$HERE/reference.c" -lm -o "$OUT/reference"
    "$OUT/reference" "$HERE/expected.txt" > "$OUT/reference.txt" || { cat "$OUT/reference.txt"; fail "reference check"; }
fi
echo "PASS $BOARD: instructions $INSTR, stack $STK bytes"
