/*
 * Instruction counter from SysTick. Under QEMU with -icount shift=0 each guest
 * instruction advances virtual time by 1 ns, and SysTick (clocked from the
 * core clock, TG_CPU_HZ) ticks every 1e9 / TG_CPU_HZ instructions. The 24-bit
 * down-counter is extended by a wrap interrupt.
 * instructions = ticks * 1e9 / TG_CPU_HZ (64-bit integer arithmetic).
 */
#include <stdint.h>

#include "tg_harness.h"

#ifndef TG_CPU_HZ
#error "define TG_CPU_HZ (the core clock of the board)"
#endif

#define TG_SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define TG_SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define TG_SYST_CVR (*(volatile uint32_t *)0xE000E018u)

#define TG_SYST_ENABLE    0x1u
#define TG_SYST_TICKINT   0x2u
#define TG_SYST_CLKSOURCE 0x4u /* processor clock */
#define TG_SYST_RELOAD    0x00FFFFFFu

void tg_systick_handler(void);

static volatile uint32_t tg_systick_wraps;

void tg_systick_handler(void)
{
    tg_systick_wraps = tg_systick_wraps + 1u;
}

static uint32_t tg_icount_start_value;

uint64_t tg_icount_ticks(void)
{
    uint32_t w1;
    uint32_t w2;
    uint32_t v;
    do {
        w1 = tg_systick_wraps;
        v = TG_SYST_CVR;
        w2 = tg_systick_wraps;
    } while (w1 != w2);
    /* The counter runs start_value -> 0, then RELOAD -> 0 once per wrap. */
    return (uint64_t)((int64_t)w1 * ((int64_t)TG_SYST_RELOAD + 1) +
                      (int64_t)tg_icount_start_value - (int64_t)v);
}

void tg_icount_start(void)
{
    TG_SYST_CSR = 0u;
    TG_SYST_RVR = TG_SYST_RELOAD;
    TG_SYST_CVR = 0u; /* any write clears the counter; it reloads on the next tick */
    tg_systick_wraps = 0u;
    __asm__ volatile("cpsie i" ::: "memory");
    TG_SYST_CSR = TG_SYST_CLKSOURCE | TG_SYST_TICKINT | TG_SYST_ENABLE;
    uint32_t v;
    do {
        v = TG_SYST_CVR; /* wait for the first reload so the start point is well defined */
    } while (v == 0u);
    tg_icount_start_value = v;
}

uint64_t tg_icount_instructions(uint64_t ticks)
{
    return ticks * 1000000000ull / (uint64_t)(TG_CPU_HZ);
}

uint64_t tg_icount_stop(void)
{
    const uint64_t ticks = tg_icount_ticks();
    TG_SYST_CSR = 0u;
    return tg_icount_instructions(ticks);
}
