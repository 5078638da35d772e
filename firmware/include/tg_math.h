/*
 * TinyGen shared integer helpers (static inline, portable C99).
 *
 * These implement the TFLite / CMSIS-NN default "double rounding"
 * requantization bit for bit:
 *   tg_requantize(x, m, s) =
 *       tg_rounding_divide_by_pot(tg_srdhm(x * 2^max(s,0), m), max(-s,0))
 *
 * Every helper is free of undefined behaviour for all int32 arguments:
 * left shifts are done on unsigned values, wrap-around sums use uint32.
 * (Right shifts of negative values rely on the arithmetic shift that GCC,
 * Clang and every Arm compiler implement; that is implementation-defined,
 * not undefined.)
 */
#ifndef TG_MATH_H
#define TG_MATH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Wrap-around (mod 2^32) int32 arithmetic without signed overflow. */
static inline int32_t tg_wrap_add(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

/* x * 2^shift for shift in [0, 31], wrapping like the hardware does. */
static inline int32_t tg_shl(int32_t x, int32_t shift)
{
    return (int32_t)((uint32_t)x << (uint32_t)shift);
}

static inline int32_t tg_min_i32(int32_t a, int32_t b) { return a < b ? a : b; }
static inline int32_t tg_max_i32(int32_t a, int32_t b) { return a > b ? a : b; }

static inline int32_t tg_clamp_i32(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* SaturatingRoundingDoublingHighMul: round(a * b / 2^31), ties away from
 * zero via the nudge; the single overflow case (INT32_MIN, INT32_MIN) gives
 * INT32_MAX. */
static inline int32_t tg_srdhm(int32_t a, int32_t b)
{
    if (a == INT32_MIN && b == INT32_MIN) {
        return INT32_MAX;
    }
    const int64_t p = (int64_t)a * (int64_t)b;
    const int64_t nudge = p >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((p + nudge) / ((int64_t)1 << 31)); /* truncating division */
}

/* RoundingDivideByPOT: x / 2^exponent rounded half away from zero,
 * exponent in [0, 31]. */
static inline int32_t tg_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((uint32_t)1 << (uint32_t)exponent) - 1u);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* MultiplyByQuantizedMultiplier (double rounding). shift > 0 is a left
 * shift. Shifts are limited to [-31, 31]: wider ones are outside TFLite's
 * quantization (it flushes such multipliers to 0). */
static inline int32_t tg_requantize(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? tg_min_i32(shift, 31) : 0;
    const int32_t right = shift > 0 ? 0 : (shift < -31 ? 31 : -shift);
    return tg_rounding_divide_by_pot(tg_srdhm(tg_shl(x, left), multiplier), right);
}

/* Saturate to int8. */
static inline int8_t tg_sat_s8(int32_t x)
{
    return (int8_t)tg_clamp_i32(x, INT8_MIN, INT8_MAX);
}

#ifdef __cplusplus
}
#endif

#endif /* TG_MATH_H */
