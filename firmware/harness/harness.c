/*
 * TinyGen test harness main(): feeds tg_harness_input_bytes to the model's
 * inputs, runs invoke() once under the instruction counter, and prints over
 * the UART (one '\n'-terminated line each):
 *
 *   TG_BEGIN
 *   TG_OUTPUT <index> <int8|uint8|float32> <elements>     per output, then
 *   TG_DATA <index> v v v ...                             at most 32 values a line;
 *                                                         integers in decimal, float32
 *                                                         as 8 lowercase hex digits of
 *                                                         the IEEE-754 bits
 *   TG_LAYER <index> <instructions>                       per layer, only in builds with
 *                                                         TG_LAYER_COUNTS: index is the call's
 *                                                         position in invoke, 0, 1, ... in order
 *   TG_INSTRUCTIONS <n>
 *   TG_STACK <bytes>
 *   TG_STATUS <invoke return value>
 *   TG_END
 *
 * main returns 0 if invoke returned 0, else 1 (the QEMU exit status).
 */
#include <stdint.h>
#include <string.h>

#include "tg_harness.h"

#define TG_VALUES_PER_LINE 32u

static uint32_t tg_type_size(tg_harness_type t)
{
    return t == TG_HARNESS_FLOAT32 ? 4u : 1u;
}

static const char *tg_type_name(tg_harness_type t)
{
    switch (t) {
    case TG_HARNESS_INT8: return "int8";
    case TG_HARNESS_UINT8: return "uint8";
    case TG_HARNESS_FLOAT32: return "float32";
    default: return "unknown";
    }
}

static void tg_put_u64(uint64_t v)
{
    char buf[21];
    int n = 0;
    do {
        buf[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    while (n > 0) {
        tg_uart_putc(buf[--n]);
    }
}

static void tg_put_i32(int32_t v)
{
    if (v < 0) {
        tg_uart_putc('-');
        tg_put_u64((uint64_t)(-(int64_t)v));
    } else {
        tg_put_u64((uint64_t)v);
    }
}

static void tg_put_hex32(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    for (int shift = 28; shift >= 0; shift -= 4) {
        tg_uart_putc(digits[(v >> (uint32_t)shift) & 0xFu]);
    }
}

static void tg_print_output(uint32_t index, const tg_harness_tensor *t)
{
    tg_uart_puts("TG_OUTPUT ");
    tg_put_u64(index);
    tg_uart_putc(' ');
    tg_uart_puts(tg_type_name(t->type));
    tg_uart_putc(' ');
    tg_put_u64(t->elements);
    tg_uart_putc('\n');

    const uint8_t *data = (const uint8_t *)t->data();
    for (uint32_t i = 0; i < t->elements; ++i) {
        if (i % TG_VALUES_PER_LINE == 0u) {
            if (i != 0u) {
                tg_uart_putc('\n');
            }
            tg_uart_puts("TG_DATA ");
            tg_put_u64(index);
        }
        tg_uart_putc(' ');
        switch (t->type) {
        case TG_HARNESS_INT8:
            tg_put_i32((int32_t)(int8_t)data[i]);
            break;
        case TG_HARNESS_UINT8:
            tg_put_u64(data[i]);
            break;
        case TG_HARNESS_FLOAT32: {
            uint32_t bits;
            memcpy(&bits, data + 4u * i, sizeof bits);
            tg_put_hex32(bits);
            break;
        }
        default:
            tg_uart_putc('?');
            break;
        }
    }
    if (t->elements != 0u) {
        tg_uart_putc('\n');
    }
}

#ifdef TG_LAYER_COUNTS
/* Ticks at the previous mark; a mark costs a few instructions, charged to the next layer. */
static uint64_t tg_layer_previous_mark;

void tg_harness_layer_done(uint32_t index)
{
    const uint64_t now = tg_icount_ticks();
    if (index < tg_harness_layer_count) {
        tg_harness_layer_ticks[index] += now - tg_layer_previous_mark;
    }
    tg_layer_previous_mark = now;
}

static void tg_print_layers(void)
{
    for (uint32_t i = 0; i < tg_harness_layer_count; ++i) {
        tg_uart_puts("TG_LAYER ");
        tg_put_u64(i);
        tg_uart_putc(' ');
        tg_put_u64(tg_icount_instructions(tg_harness_layer_ticks[i]));
        tg_uart_putc('\n');
    }
}
#endif

int main(void)
{
    const tg_harness_model *m = &tg_harness_the_model;
    tg_uart_init();

    uint32_t offset = 0u;
    for (uint32_t i = 0; i < m->input_count; ++i) {
        const tg_harness_tensor *t = &m->inputs[i];
        uint32_t bytes = t->elements * tg_type_size(t->type);
        if (bytes > tg_harness_input_size - offset) {
            bytes = tg_harness_input_size - offset;
        }
        memcpy(t->data(), tg_harness_input_bytes + offset, bytes);
        offset += bytes;
    }

    tg_icount_start();
#ifdef TG_LAYER_COUNTS
    tg_layer_previous_mark = 0u;
#endif
    const int status = m->invoke();
    const uint64_t instructions = tg_icount_stop();
    const uint32_t stack = tg_stack_used();

    tg_uart_puts("TG_BEGIN\n");
    for (uint32_t i = 0; i < m->output_count; ++i) {
        tg_print_output(i, &m->outputs[i]);
    }
#ifdef TG_LAYER_COUNTS
    tg_print_layers();
#endif
    tg_uart_puts("TG_INSTRUCTIONS ");
    tg_put_u64(instructions);
    tg_uart_puts("\nTG_STACK ");
    tg_put_u64(stack);
    tg_uart_puts("\nTG_STATUS ");
    tg_put_i32((int32_t)status);
    tg_uart_puts("\nTG_END\n");
    return status == 0 ? 0 : 1;
}
