/*
 * The handful of Arm DSP-extension operations the fast kernels are written in, as static inline
 * helpers. With __ARM_FEATURE_DSP (Cortex-M4/M7/M33/M55) they are gcc's ACLE intrinsics from
 * <arm_acle.h>, one instruction each; without it (Cortex-M3, host builds for the sanitizers) they
 * are plain C with the same results, so the fast kernels compile and stay exact anywhere. The
 * generator only picks the fast kernels for cores with DSP; the plain C is for portability and tests.
 *
 * Lanes: a "pair" is a 32-bit word holding two int16 values, lane 0 in bits 0..15.
 */
#ifndef TG_SIMD_H
#define TG_SIMD_H

#include <stdint.h>
#include <string.h>

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#include <arm_acle.h>
#define TG_HAVE_DSP 1
#else
#define TG_HAVE_DSP 0
#endif

/* Four int8 values as one word, from any alignment (LDR allows unaligned access on these cores). */
static inline uint32_t tg_read_s8x4(const int8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void tg_write_s8x4(int8_t *p, uint32_t v)
{
    memcpy(p, &v, sizeof v);
}

#if TG_HAVE_DSP

/* Bytes 0 and 2 of x, sign-extended into the two lanes. */
static inline uint32_t tg_sxtb16(uint32_t x) { return __sxtb16(x); }
/* Bytes 1 and 3 of x, sign-extended into the two lanes: SXTB16 with its ROR #8 operand, which
 * ACLE does not expose and gcc does not fold from a separate rotate (as CMSIS's __SXTB16_RORn). */
static inline uint32_t tg_sxtb16_odd(uint32_t x)
{
    uint32_t result;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(result) : "r"(x));
    return result;
}
/* Lanes of a plus bytes 0 and 2 (resp. 1 and 3) of x sign-extended. */
static inline uint32_t tg_sxtab16(uint32_t a, uint32_t x) { return __sxtab16(a, x); }
static inline uint32_t tg_sxtab16_odd(uint32_t a, uint32_t x)
{
    uint32_t result;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(result) : "r"(a), "r"(x));
    return result;
}
/* acc + a.lane0 * b.lane0 + a.lane1 * b.lane1 (mod 2^32). */
static inline int32_t tg_smlad(uint32_t a, uint32_t b, int32_t acc) { return __smlad(a, b, acc); }
/* acc + a.lane0 * b.lane0, acc + a.lane1 * b.lane1. */
static inline int32_t tg_smlabb(uint32_t a, uint32_t b, int32_t acc) { return __smlabb(a, b, acc); }
static inline int32_t tg_smlatt(uint32_t a, uint32_t b, int32_t acc) { return __smlatt(a, b, acc); }
/* x saturated to int8 (SSAT #8). */
static inline int32_t tg_ssat8(int32_t x) { return __ssat(x, 8); }
/* acc + a.lane0 * b.lane1, acc + a.lane1 * b.lane0. */
static inline int32_t tg_smlabt(uint32_t a, uint32_t b, int32_t acc) { return __smlabt(a, b, acc); }
static inline int32_t tg_smlatb(uint32_t a, uint32_t b, int32_t acc) { return __smlatb(a, b, acc); }

#else

static inline int32_t tg_lane0(uint32_t x) { return (int32_t)(int16_t)(uint16_t)(x & 0xffffu); }
static inline int32_t tg_lane1(uint32_t x) { return (int32_t)(int16_t)(uint16_t)(x >> 16); }
static inline uint32_t tg_pair(int32_t lo, int32_t hi) { return ((uint32_t)lo & 0xffffu) | ((uint32_t)hi << 16); }
static inline int32_t tg_byte(uint32_t x, unsigned index) { return (int32_t)(int8_t)(uint8_t)(x >> (8u * index)); }

static inline uint32_t tg_sxtb16(uint32_t x) { return tg_pair(tg_byte(x, 0), tg_byte(x, 2)); }
static inline uint32_t tg_sxtb16_odd(uint32_t x) { return tg_pair(tg_byte(x, 1), tg_byte(x, 3)); }
static inline uint32_t tg_sxtab16(uint32_t a, uint32_t x)
{
    return tg_pair(tg_lane0(a) + tg_byte(x, 0), tg_lane1(a) + tg_byte(x, 2));
}
static inline uint32_t tg_sxtab16_odd(uint32_t a, uint32_t x)
{
    return tg_pair(tg_lane0(a) + tg_byte(x, 1), tg_lane1(a) + tg_byte(x, 3));
}
static inline int32_t tg_smlad(uint32_t a, uint32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tg_lane0(a) * tg_lane0(b)) + (uint32_t)(tg_lane1(a) * tg_lane1(b)));
}
static inline int32_t tg_smlabb(uint32_t a, uint32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tg_lane0(a) * tg_lane0(b)));
}
static inline int32_t tg_smlatt(uint32_t a, uint32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tg_lane1(a) * tg_lane1(b)));
}
static inline int32_t tg_ssat8(int32_t x) { return x < -128 ? -128 : x > 127 ? 127 : x; }
static inline int32_t tg_smlabt(uint32_t a, uint32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tg_lane0(a) * tg_lane1(b)));
}
static inline int32_t tg_smlatb(uint32_t a, uint32_t b, int32_t acc)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(tg_lane1(a) * tg_lane0(b)));
}

#endif

/* acc + a * b modulo 2^32, for the scalar tails (accumulators wrap, see tg_nn.h). */
static inline int32_t tg_mac(int32_t acc, int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)acc + (uint32_t)(a * b));
}

/* The input offset in both lanes, for tg_sxtab16. */
static inline uint32_t tg_offset_pair(int32_t offset)
{
    return ((uint32_t)offset & 0xffffu) | ((uint32_t)offset << 16);
}

#endif /* TG_SIMD_H */
