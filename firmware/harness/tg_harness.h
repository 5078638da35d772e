/*
 * TinyGen test harness: the interface between the generic harness (harness.c,
 * startup.c, tg_uart.c, tg_icount.c) and the per-model glue the generator
 * emits. The glue defines tg_harness_the_model, tg_harness_input_bytes and
 * tg_harness_input_size; the harness copies the input bytes into the model's
 * inputs, runs invoke() once under the instruction counter and prints the
 * outputs over the UART in the TG_* line protocol (see harness.c).
 */
#ifndef TG_HARNESS_H
#define TG_HARNESS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { TG_HARNESS_INT8 = 0, TG_HARNESS_UINT8 = 1, TG_HARNESS_FLOAT32 = 2 } tg_harness_type;

/* One model input or output: data() returns its buffer (it may live in the
 * arena, so it is asked for at run time), elements counts values of type. */
typedef struct {
    void *(*data)(void);
    uint32_t elements;
    tg_harness_type type;
} tg_harness_tensor;

typedef struct {
    int (*invoke)(void);                 /* 0 on success */
    const tg_harness_tensor *inputs;
    uint32_t input_count;
    const tg_harness_tensor *outputs;
    uint32_t output_count;
} tg_harness_model;

extern const tg_harness_model tg_harness_the_model;   /* from the generated glue */

/* All inputs' raw bytes concatenated in input order (generated). */
extern const uint8_t tg_harness_input_bytes[];
extern const uint32_t tg_harness_input_size;

#ifdef TG_LAYER_COUNTS
/* Per-layer instruction counts (builds with TG_LAYER_COUNTS only). The generated invoke
 * calls tg_harness_layer_done(i) after layer i (a patch stage: after every tile of it),
 * and the harness adds the ticks since the previous mark to tg_harness_layer_ticks[i];
 * the glue sizes that array to the model's tg_harness_layer_count layers. */
extern uint64_t tg_harness_layer_ticks[];
extern const uint32_t tg_harness_layer_count;
void tg_harness_layer_done(uint32_t index);
#endif

/* ---- Services of the harness runtime (usable by glue code too) ---- */

/* The board's UART at TG_UART_BASE (layout chosen by a TG_UART_* define, see tg_uart.c). */
void tg_uart_init(void);
void tg_uart_putc(char c);
void tg_uart_puts(const char *s);

/* SysTick-based instruction counter (exact under QEMU -icount shift=0,
 * resolution 1e9 / TG_CPU_HZ instructions). */
void tg_icount_start(void);
uint64_t tg_icount_stop(void);        /* instructions since tg_icount_start */
uint64_t tg_icount_ticks(void);       /* SysTick ticks since tg_icount_start, counter left running */
uint64_t tg_icount_instructions(uint64_t ticks);

/* Stack high-water mark in bytes (the reset handler paints the stack). */
uint32_t tg_stack_used(void);
uint32_t tg_stack_size(void);

/* Semihosting SYS_EXIT_EXTENDED: QEMU exits with status & 0xff. */
void tg_semihost_exit(uint32_t status) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif /* TG_HARNESS_H */
