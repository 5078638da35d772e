/*
 * Host stand-ins for the bare-metal harness services (startup.c, tg_uart.c,
 * tg_icount.c), so harness.c, the kernels and a generated model build into a
 * normal x86-64 program (with AddressSanitizer and UBSan) that prints the same
 * TG_* protocol on stdout. harness.c keeps main(); its return value is the
 * process exit status. There is no instruction counter or stack paint on the
 * host: TG_INSTRUCTIONS and TG_STACK report 0.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tg_harness.h"

void tg_uart_init(void)
{
}

void tg_uart_putc(char c)
{
    (void)putchar((unsigned char)c);
}

void tg_uart_puts(const char *s)
{
    (void)fputs(s, stdout);
}

void tg_icount_start(void)
{
}

uint64_t tg_icount_stop(void)
{
    return 0u;
}

uint64_t tg_icount_ticks(void)
{
    return 0u;
}

uint64_t tg_icount_instructions(uint64_t ticks)
{
    return ticks;
}

uint32_t tg_stack_used(void)
{
    return 0u;
}

uint32_t tg_stack_size(void)
{
    return 0u;
}

void tg_semihost_exit(uint32_t status)
{
    (void)fflush(stdout);
    exit((int)(status & 0xFFu));
}
