/*
 * TinyGen bare-metal startup for Cortex-M (M3/M4/M7/M33/M55), own code.
 *
 * Reset: a naked handler paints the whole stack region with TG_STACK_PAINT
 * before any C frame exists, enables the FPU/MVE (CPACR CP10/CP11) when the
 * build uses one, sets MSPLIM on Armv8-M, then tg_reset_c copies .data,
 * zeroes .bss, calls main and exits through semihosting SYS_EXIT_EXTENDED
 * with main's return value. Every fault (and any unexpected exception) exits
 * with status 0x80 | IPSR, e.g. 131 for a HardFault, so a crash never hangs.
 * The reset code uses only Armv6-M instructions, so it also runs on an M0+.
 *
 * With TG_NO_SEMIHOSTING (Renode, real boards: nothing to exit to) the core
 * sleeps instead of exiting; a fault first prints "TG_FAULT <IPSR>" on the UART.
 *
 * Linker symbols (boards/cortex-m-sections.ld): __tg_stack_limit,
 * __tg_stack_top, __tg_data_load, __tg_data_start, __tg_data_end,
 * __tg_bss_start, __tg_bss_end.
 */
#include <stdint.h>

#include "tg_harness.h"

#define TG_STACK_PAINT 0xC5A5F00Du

extern uint32_t __tg_stack_limit[];
extern uint32_t __tg_stack_top[];
extern uint32_t __tg_data_load[];
extern uint32_t __tg_data_start[];
extern uint32_t __tg_data_end[];
extern uint32_t __tg_bss_start[];
extern uint32_t __tg_bss_end[];

extern int main(void);

void tg_reset_handler(void) __attribute__((naked, noreturn));
void tg_reset_c(void) __attribute__((noreturn, used));
void tg_fault_handler(void) __attribute__((noreturn));
void tg_systick_handler(void);

/* ---- Semihosting ---- */

void tg_semihost_exit(uint32_t status)
{
    /* {ADP_Stopped_ApplicationExit, status} */
    volatile uint32_t block[2] = { 0x20026u, status };
    register uint32_t r0 __asm__("r0") = 0x20u; /* SYS_EXIT_EXTENDED */
    register volatile uint32_t *r1 __asm__("r1") = block;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    for (;;) {
    }
}

/* Ends the program: a semihosting exit under QEMU, else sleep for good. */
static void tg_halt(uint32_t status) __attribute__((noreturn));

static void tg_halt(uint32_t status)
{
#ifdef TG_NO_SEMIHOSTING
    (void)status;
    __asm__ volatile("cpsid i" ::: "memory");
    for (;;) {
        __asm__ volatile("wfi");
    }
#else
    tg_semihost_exit(status);
#endif
}

/* ---- Reset ---- */

void tg_reset_handler(void)
{
    __asm__ volatile(
        "    ldr   r0, =__tg_stack_limit\n"
        "    ldr   r1, =__tg_stack_top\n"
        "    mov   sp, r1\n"
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8_1M_MAIN__)
        "    msr   msplim, r0\n"
#endif
        "    ldr   r2, =0xC5A5F00D\n"
        "1:  cmp   r0, r1\n"
        "    bhs   2f\n"
        "    str   r2, [r0]\n"
        /* "add rd, #imm": ADDS on Armv6-M (GCC's inline asm is divided syntax there), ADD.W on v7-M/v8-M */
        "    add   r0, #4\n"
        "    b     1b\n"
        "2:\n"
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
        /* CPACR (0xE000ED88): CP10 and CP11 full access (FPU and MVE). */
        "    ldr   r0, =0xE000ED88\n"
        "    ldr   r1, [r0]\n"
        "    orr   r1, r1, #(0xF << 20)\n"
        "    str   r1, [r0]\n"
        "    dsb\n"
        "    isb\n"
#endif
        "    b     tg_reset_c\n"
        "    .ltorg\n");
}

/* GCC would turn these loops into memcpy/memset calls; keep them loops. */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
void tg_reset_c(void)
{
    const uint32_t *src = __tg_data_load;
    for (uint32_t *dst = __tg_data_start; dst < __tg_data_end; ++dst) {
        *dst = *src++;
    }
    for (uint32_t *dst = __tg_bss_start; dst < __tg_bss_end; ++dst) {
        *dst = 0u;
    }
    const int rc = main();
    tg_halt((uint32_t)rc);
}

/* ---- Faults and unexpected exceptions ---- */

void tg_fault_handler(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
#ifdef TG_NO_SEMIHOSTING
    static const char digits[] = "0123456789";
    const uint32_t number = ipsr & 0x1FFu;
    tg_uart_puts("\nTG_FAULT ");
    if (number >= 100u) {
        tg_uart_putc(digits[number / 100u]);
    }
    if (number >= 10u) {
        tg_uart_putc(digits[(number / 10u) % 10u]);
    }
    tg_uart_putc(digits[number % 10u]);
    tg_uart_putc('\n');
#endif
    tg_halt(0x80u | (ipsr & 0x7Fu));
}

/* ---- Stack high-water ---- */

uint32_t tg_stack_used(void)
{
    const volatile uint32_t *p = __tg_stack_limit;
    while (p < __tg_stack_top && *p == TG_STACK_PAINT) {
        ++p;
    }
    return (uint32_t)((uintptr_t)__tg_stack_top - (uintptr_t)p);
}

uint32_t tg_stack_size(void)
{
    return (uint32_t)((uintptr_t)__tg_stack_top - (uintptr_t)__tg_stack_limit);
}

/* ---- Vector table ---- */

#define TG_F4 tg_fault_handler, tg_fault_handler, tg_fault_handler, tg_fault_handler
#define TG_F16 TG_F4, TG_F4, TG_F4, TG_F4
#define TG_IRQ_COUNT 48

typedef void (*tg_vector)(void);

__attribute__((section(".tg_vectors"), used))
const tg_vector tg_vector_table[16 + TG_IRQ_COUNT] = {
    (tg_vector)(uintptr_t)__tg_stack_top, /* 0: initial MSP */
    tg_reset_handler,                     /* 1: Reset */
    tg_fault_handler,                     /* 2: NMI */
    tg_fault_handler,                     /* 3: HardFault */
    tg_fault_handler,                     /* 4: MemManage */
    tg_fault_handler,                     /* 5: BusFault */
    tg_fault_handler,                     /* 6: UsageFault */
    tg_fault_handler,                     /* 7: SecureFault (v8-M) */
    0, 0, 0,                              /* 8-10: reserved */
    tg_fault_handler,                     /* 11: SVCall */
    tg_fault_handler,                     /* 12: DebugMonitor */
    0,                                    /* 13: reserved */
    tg_fault_handler,                     /* 14: PendSV */
    tg_systick_handler,                   /* 15: SysTick */
    TG_F16, TG_F16, TG_F16,               /* 16-63: external interrupts (none used) */
};
