/*
 * TinyGen shared integer helpers (static inline, portable C99).
 *
 * tg_requantize computes the TFLite / CMSIS-NN default "double rounding"
 * requantization bit for bit,
 *   tg_rounding_divide_by_pot(tg_srdhm(x * 2^max(s,0), m), max(-s,0)),
 * but in one 64-bit multiply-accumulate (see its comment for why that is
 * the same integer).
 *
 * The helpers are free of undefined behaviour for all int32 arguments,
 * except that tg_requantize needs the shift in [-31, 31] (QuantizedMultiplier
 * makes [-31, 30]; below -31 it flushes the multiplier to 0): left shifts
 * are done on unsigned values, wrap-around sums use uint32. (Right shifts
 * of negative values rely on the arithmetic shift that GCC, Clang and every
 * Arm compiler implement; that is implementation-defined, not undefined.)
 */
#ifndef TG_MATH_H
#define TG_MATH_H

#include <stdint.h>

#include "tg_nn.h"

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

/* MultiplyByQuantizedMultiplier (double rounding) for multiplier in
 * [0, 2^31) and shift in [-31, 31]; shift > 0 is a left shift. Every kernel
 * requantizes each output with it, so it is written for few instructions:
 * one SMULL/SMLAL and a handful of ALU operations on Cortex-M3 and up.
 *
 * Why it is exact, with a = x * 2^left (wrapped to int32), p = a * m and
 * r = max(-shift, 0):
 *  - SRDHM(a, m) = floor((p + 2^30) / 2^31) for every int32 a when m >= 0:
 *    for p >= 0 the nudge is 2^30 and truncation is the floor; for p < 0 the
 *    nudge 1 - 2^30 followed by truncation toward zero is
 *    ceil((p + 1 - 2^30) / 2^31), which equals that floor. (The saturating
 *    case a = m = INT32_MIN needs a negative m.)
 *  - RoundingDivideByPOT(y, r) = floor((y + 2^(r-1) - [y < 0]) / 2^r) for
 *    r >= 1 (half away from zero), and y < 0 exactly when p + 2^30 < 0.
 *  - Nested floors of integer divisions merge, so the result is
 *    floor((p + 2^30 + 2^(30+r) - 2^31 [p + 2^30 < 0]) / 2^(31+r)). For
 *    p in [-2^30, 0) the bracket may as well be 1: the numerator stays in
 *    [0, 2^(31+r)) either way. So [p + 2^30 < 0] can be [x < 0] (m >= 0; for
 *    m = 0 both choices give 0), and the constant is k * 2^30 with
 *    k = 2^r + 1 for x >= 0 and 2^r - 1 for x < 0.
 *  - 31 + r >= 32, so the result is the high word of that 64-bit sum (which
 *    cannot overflow: |p| < 2^62) shifted right by r - 1.
 * With r = 0 there is no second rounding: the result is (p + 2^30) >> 31. */
static inline int32_t tg_requantize(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t right_minus_1 = ~shift; /* -shift - 1, negative for shift >= 0 */
    if (right_minus_1 < 0) {
        const int64_t p = (int64_t)tg_shl(x, tg_min_i32(shift, 31)) * multiplier;
        return (int32_t)((p + ((int64_t)1 << 30)) >> 31);
    }
    /* k * 2^30 = t * 2^31 + 2^30 with t = (k - 1) / 2: one shift fewer than building k */
    const uint32_t t = (1u << right_minus_1) + (uint32_t)(x >> 31);
    const int64_t sum = (int64_t)x * multiplier + (int64_t)(((uint64_t)t << 31) | 0x40000000u);
    return (int32_t)(sum >> 32) >> right_minus_1;
}

/* tg_wrap_add(tg_requantize(x, multiplier, shift), output_offset) plus whatever offset the record
 * folds in, bit for bit, from the channel's tg_requant record without building the constant per
 * output: for x < 0 the constant is 2^31 less, added as two halves with their carry. Neither offset
 * can wrap on the right-shift path: the requantized value stays within 2^30. */
static inline int32_t tg_requantize_prepared(int32_t x, const tg_requant *q, int32_t output_offset)
{
    const int32_t right_minus_1 = q->right_minus_1;
    if (right_minus_1 < 0) {
        return tg_wrap_add(tg_requantize(x, q->multiplier, q->round_hi), output_offset);
    }
    const uint32_t sign = (uint32_t)x & 0x80000000u;
    const uint32_t lo = q->round_lo + sign;
    const uint32_t hi = (uint32_t)q->round_hi + (uint32_t)(x >> 31) + (lo < sign ? 1u : 0u);
    const int64_t sum = (int64_t)(((uint64_t)hi << 32) | lo) + (int64_t)x * q->multiplier;
    return ((int32_t)(sum >> 32) >> right_minus_1) + output_offset;
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
