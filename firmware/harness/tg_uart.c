/* CMSDK APB UART transmit-only driver (MPS2/MPS3 boards). Base: TG_UART_BASE. */
#include <stdint.h>

#include "tg_harness.h"

#ifndef TG_UART_BASE
#error "define TG_UART_BASE (the CMSDK UART base address of the board)"
#endif
#ifndef TG_CPU_HZ
#error "define TG_CPU_HZ (the core clock of the board)"
#endif

#define TG_UART_DATA     (*(volatile uint32_t *)((uintptr_t)(TG_UART_BASE) + 0x00u))
#define TG_UART_STATE    (*(volatile uint32_t *)((uintptr_t)(TG_UART_BASE) + 0x04u))
#define TG_UART_CTRL     (*(volatile uint32_t *)((uintptr_t)(TG_UART_BASE) + 0x08u))
#define TG_UART_BAUDDIV  (*(volatile uint32_t *)((uintptr_t)(TG_UART_BASE) + 0x10u))

#define TG_UART_STATE_TX_FULL 0x1u
#define TG_UART_CTRL_TX_EN    0x1u

void tg_uart_init(void)
{
    TG_UART_BAUDDIV = (uint32_t)((TG_CPU_HZ) / 115200u);
    TG_UART_CTRL = TG_UART_CTRL_TX_EN; /* TX must be enabled before DATA is written */
}

void tg_uart_putc(char c)
{
    while ((TG_UART_STATE & TG_UART_STATE_TX_FULL) != 0u) {
    }
    TG_UART_DATA = (uint32_t)(uint8_t)c;
}

void tg_uart_puts(const char *s)
{
    while (*s != '\0') {
        tg_uart_putc(*s++);
    }
}
