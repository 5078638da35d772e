/*
 * Transmit-only UART driver of the test harness. The board descriptor picks
 * the register layout with one define (see generator/.../Boards/UartKinds.cs):
 *
 *   TG_UART_CMSDK           Arm CMSDK APB UART (MPS2/MPS3; the default)
 *   TG_UART_STM32_USART_V1  STM32 F1/F2/F4 USART (SR/DR/BRR/CR1)
 *   TG_UART_STM32_USART_V2  STM32 F7/L4/H7 USART and LPUART (CR1/BRR/ISR/TDR)
 *   TG_UART_NRF52_UART      nRF52 UART without EasyDMA
 *   TG_UART_PL011           Arm PL011 (RP2040)
 *
 * Base address: TG_UART_BASE. The drivers enable the transmitter and poll;
 * clocks and pins are the emulators' defaults (QEMU, Renode), so on a real
 * board the vendor's start-up code must have enabled the peripheral clock.
 */
#include <stdint.h>

#include "tg_harness.h"

#ifndef TG_UART_BASE
#error "define TG_UART_BASE (the UART base address of the board)"
#endif
#ifndef TG_CPU_HZ
#error "define TG_CPU_HZ (the core clock of the board)"
#endif

#define TG_UART_REG(offset) (*(volatile uint32_t *)((uintptr_t)(TG_UART_BASE) + (offset)))
#define TG_UART_BAUD 115200u

#if defined(TG_UART_STM32_USART_V1)

#define TG_USART_SR  TG_UART_REG(0x00u)
#define TG_USART_DR  TG_UART_REG(0x04u)
#define TG_USART_BRR TG_UART_REG(0x08u)
#define TG_USART_CR1 TG_UART_REG(0x0Cu)
#define TG_USART_SR_TXE  (1u << 7)
#define TG_USART_CR1_UE  (1u << 13)
#define TG_USART_CR1_TE  (1u << 3)

void tg_uart_init(void)
{
    TG_USART_BRR = (uint32_t)((TG_CPU_HZ) / TG_UART_BAUD);
    TG_USART_CR1 = TG_USART_CR1_UE | TG_USART_CR1_TE;
}

void tg_uart_putc(char c)
{
    while ((TG_USART_SR & TG_USART_SR_TXE) == 0u) {
    }
    TG_USART_DR = (uint32_t)(uint8_t)c;
}

#elif defined(TG_UART_STM32_USART_V2)

#define TG_USART_CR1 TG_UART_REG(0x00u)
#define TG_USART_BRR TG_UART_REG(0x0Cu)
#define TG_USART_ISR TG_UART_REG(0x1Cu)
#define TG_USART_TDR TG_UART_REG(0x28u)
#define TG_USART_ISR_TXE (1u << 7)
#define TG_USART_CR1_UE  (1u << 0)
#define TG_USART_CR1_TE  (1u << 3)

void tg_uart_init(void)
{
    TG_USART_BRR = (uint32_t)((TG_CPU_HZ) / TG_UART_BAUD);
    TG_USART_CR1 = TG_USART_CR1_UE | TG_USART_CR1_TE;
}

void tg_uart_putc(char c)
{
    while ((TG_USART_ISR & TG_USART_ISR_TXE) == 0u) {
    }
    TG_USART_TDR = (uint32_t)(uint8_t)c;
}

#elif defined(TG_UART_NRF52_UART)

#define TG_NRF_TASKS_STARTTX TG_UART_REG(0x008u)
#define TG_NRF_EVENTS_TXDRDY TG_UART_REG(0x11Cu)
#define TG_NRF_ENABLE        TG_UART_REG(0x500u)
#define TG_NRF_TXD           TG_UART_REG(0x51Cu)
#define TG_NRF_BAUDRATE      TG_UART_REG(0x524u)
#define TG_NRF_ENABLE_UART   4u
#define TG_NRF_BAUD_115200   0x01D7E000u

void tg_uart_init(void)
{
    TG_NRF_BAUDRATE = TG_NRF_BAUD_115200;
    TG_NRF_ENABLE = TG_NRF_ENABLE_UART;
    TG_NRF_TASKS_STARTTX = 1u;
}

void tg_uart_putc(char c)
{
    TG_NRF_EVENTS_TXDRDY = 0u;
    TG_NRF_TXD = (uint32_t)(uint8_t)c;
    while (TG_NRF_EVENTS_TXDRDY == 0u) {
    }
}

#elif defined(TG_UART_PL011)

#define TG_PL011_DR   TG_UART_REG(0x00u)
#define TG_PL011_FR   TG_UART_REG(0x18u)
#define TG_PL011_IBRD TG_UART_REG(0x24u)
#define TG_PL011_FBRD TG_UART_REG(0x28u)
#define TG_PL011_LCRH TG_UART_REG(0x2Cu)
#define TG_PL011_CR   TG_UART_REG(0x30u)
#define TG_PL011_FR_TXFF   (1u << 5)
#define TG_PL011_LCRH_8BIT (3u << 5)
#define TG_PL011_CR_UARTEN (1u << 0)
#define TG_PL011_CR_TXE    (1u << 8)

void tg_uart_init(void)
{
    /* Divisor in 1/64ths: clock * 4 / baud = integer part * 64 + fraction. */
    const uint32_t divisor = (uint32_t)(((uint64_t)(TG_CPU_HZ) * 4u) / TG_UART_BAUD);
    TG_PL011_IBRD = divisor >> 6;
    TG_PL011_FBRD = divisor & 0x3Fu;
    TG_PL011_LCRH = TG_PL011_LCRH_8BIT; /* the LCR_H write latches the divisor */
    TG_PL011_CR = TG_PL011_CR_UARTEN | TG_PL011_CR_TXE;
}

void tg_uart_putc(char c)
{
    while ((TG_PL011_FR & TG_PL011_FR_TXFF) != 0u) {
    }
    TG_PL011_DR = (uint32_t)(uint8_t)c;
}

#else /* TG_UART_CMSDK */

#define TG_UART_DATA     TG_UART_REG(0x00u)
#define TG_UART_STATE    TG_UART_REG(0x04u)
#define TG_UART_CTRL     TG_UART_REG(0x08u)
#define TG_UART_BAUDDIV  TG_UART_REG(0x10u)

#define TG_UART_STATE_TX_FULL 0x1u
#define TG_UART_CTRL_TX_EN    0x1u

void tg_uart_init(void)
{
    TG_UART_BAUDDIV = (uint32_t)((TG_CPU_HZ) / TG_UART_BAUD);
    TG_UART_CTRL = TG_UART_CTRL_TX_EN; /* TX must be enabled before DATA is written */
}

void tg_uart_putc(char c)
{
    while ((TG_UART_STATE & TG_UART_STATE_TX_FULL) != 0u) {
    }
    TG_UART_DATA = (uint32_t)(uint8_t)c;
}

#endif

void tg_uart_puts(const char *s)
{
    while (*s != '\0') {
        tg_uart_putc(*s++);
    }
}
