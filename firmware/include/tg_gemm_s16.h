/*
 * The int16 GEMM microkernel of tg_pointwise_conv_s8_fast and tg_convolve_s8_wide: one column of K
 * input values (a pixel, or an im2col column), widened once to int16 pairs in a word-aligned
 * scratch, times Cout rows of weights widened at compile time in FC order (tg_nn_fast.h) with Cout
 * rounded up to whole blocks of four rows. Four output channels per block: per group of four k one
 * LDRD for the column's two words, two LDMs for the block's eight weight words, eight SMLADs.
 * The input offset is in the folded bias. Internal to the kernels (static inline, C99).
 */
#ifndef TG_GEMM_S16_H
#define TG_GEMM_S16_H

#include <stdint.h>

#include "tg_gemm_s8.h"
#include "tg_math.h"
#include "tg_simd.h"

/* Output channels per block: four accumulators share each widened input word. */
#define TG_S16_ROWS 4

/* Bytes of scratch a column of k values needs once widened: two words per group of four. */
static inline int32_t tg_widened_bytes(int32_t k) { return 8 * ((k + 3) / 4); }

/* A column of k int8 values as int16 pairs, group by group of four: (x[i], x[i+2]) then
 * (x[i+1], x[i+3]), the order of the weights' FC layout; values past k read 0. */
static inline void tg_widen_s8(const int8_t *x, int32_t k, uint32_t *dst)
{
    for (int32_t g = k >> 2; g > 0; --g) {
        const uint32_t in = tg_read_s8x4(x);
        dst[0] = tg_sxtb16(in);
        dst[1] = tg_sxtb16_odd(in);
        x += 4;
        dst += 2;
    }
    const int32_t left = k & 3;
    if (left != 0) {
        const int32_t x1 = left > 1 ? x[1] : 0;
        const int32_t x2 = left > 2 ? x[2] : 0;
        dst[0] = ((uint32_t)x[0] & 0xffffu) | ((uint32_t)x2 << 16);
        dst[1] = (uint32_t)x1 & 0xffffu;
    }
}

/* The LDRD/LDM path needs the optimizer: at -O0 (a debug build) gcc cannot find registers for the asm. */
#if TG_HAVE_DSP && defined(__OPTIMIZE__)
#define TG_S16_LDM 1
#else
#define TG_S16_LDM 0
#endif

#if TG_S16_LDM
/* Four rows over one group of four channels: one LDRD for the pixel's two words, two LDMs for the
 * block's eight weight words, eight SMLADs. An LDM needs its registers in ascending order, hence
 * r4, r5, r6, r8 by name (r7 stays free for builds that keep Thumb's frame pointer). */
static inline __attribute__((always_inline)) void tg_s16_group(const uint32_t **x, const uint32_t **w,
                                                              int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
{
    register uint32_t w0 __asm__("r4");
    register uint32_t w1 __asm__("r5");
    register uint32_t w2 __asm__("r6");
    register uint32_t w3 __asm__("r8");
    uint32_t x_even, x_odd;
    __asm__("ldrd    %[xe], %[xo], [%[x]], #8\n\t"
            "ldmia   %[w]!, {%[w0], %[w1], %[w2], %[w3]}\n\t"
            "smlad   %[a0], %[xe], %[w0], %[a0]\n\t"
            "smlad   %[a1], %[xe], %[w1], %[a1]\n\t"
            "smlad   %[a2], %[xe], %[w2], %[a2]\n\t"
            "smlad   %[a3], %[xe], %[w3], %[a3]\n\t"
            "ldmia   %[w]!, {%[w0], %[w1], %[w2], %[w3]}\n\t"
            "smlad   %[a0], %[xo], %[w0], %[a0]\n\t"
            "smlad   %[a1], %[xo], %[w1], %[a1]\n\t"
            "smlad   %[a2], %[xo], %[w2], %[a2]\n\t"
            "smlad   %[a3], %[xo], %[w3], %[a3]"
            : [a0] "+r"(*a0), [a1] "+r"(*a1), [a2] "+r"(*a2), [a3] "+r"(*a3),
              [x] "+r"(*x), [w] "+r"(*w), [xe] "=&r"(x_even), [xo] "=&r"(x_odd),
              [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3)
            : "m"(*(const uint32_t(*)[2]) * x), "m"(*(const uint32_t(*)[8]) * w));
}
#else
static inline void tg_s16_group(const uint32_t **x, const uint32_t **w, int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
{
    const uint32_t x_even = (*x)[0], x_odd = (*x)[1];
    const uint32_t *v = *w;
    *a0 = tg_smlad(x_even, v[0], *a0);
    *a1 = tg_smlad(x_even, v[1], *a1);
    *a2 = tg_smlad(x_even, v[2], *a2);
    *a3 = tg_smlad(x_even, v[3], *a3);
    *a0 = tg_smlad(x_odd, v[4], *a0);
    *a1 = tg_smlad(x_odd, v[5], *a1);
    *a2 = tg_smlad(x_odd, v[6], *a2);
    *a3 = tg_smlad(x_odd, v[7], *a3);
    *x += 2;
    *w += 8;
}
#endif

/* Four output channels of one widened column; w walks the block and is returned past it. The sums
 * stay in registers: an array would be stored back after every group. */
static inline __attribute__((always_inline)) const uint32_t *tg_s16_block(const uint32_t *x, const uint32_t *w, int32_t groups,
                                                                         int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
{
    for (int32_t n = groups >> 2; n > 0; --n) {
        tg_s16_group(&x, &w, a0, a1, a2, a3);
        tg_s16_group(&x, &w, a0, a1, a2, a3);
        tg_s16_group(&x, &w, a0, a1, a2, a3);
        tg_s16_group(&x, &w, a0, a1, a2, a3);
    }
    for (int32_t n = groups & 3; n > 0; --n) tg_s16_group(&x, &w, a0, a1, a2, a3);
    return w;
}

/* True when every channel's record is a right shift, so the epilogue can skip the test for the general path. */
static inline int tg_requant_right_only(const tg_requant *requant, int32_t count)
{
    for (int32_t i = 0; i < count; ++i) {
        if (requant[i].right_minus_1 < 0) return 0;
    }
    return 1;
}

#if TG_S16_LDM
/* tg_requantize_prepared for a right shift, its record fetched by two LDRDs: the constant's halves
 * plus the sign's carry, one SMLAL, the high word shifted: the output plus its offset in seven
 * instructions instead of thirteen. */
static inline __attribute__((always_inline)) int32_t tg_s16_requantize_right(int32_t acc, const tg_requant *q)
{
    int32_t multiplier, hi, right_minus_1;
    uint32_t lo, sign;
    __asm__("ldrd    %[m], %[lo], [%[q]]\n\t"
            "ldrd    %[hi], %[r], [%[q], #8]\n\t"
            "and     %[s], %[acc], #0x80000000\n\t"
            "adds    %[lo], %[lo], %[s]\n\t"
            "adc     %[hi], %[hi], %[acc], asr #31\n\t"
            "smlal   %[lo], %[hi], %[acc], %[m]\n\t"
            "asr     %[hi], %[hi], %[r]"
            : [m] "=&r"(multiplier), [lo] "=&r"(lo), [hi] "=&r"(hi), [r] "=&r"(right_minus_1), [s] "=&r"(sign)
            : [q] "r"(q), [acc] "r"(acc), "m"(*q)
            : "cc");
    return hi;
}
#else
static inline int32_t tg_s16_requantize_right(int32_t acc, const tg_requant *q) { return tg_requantize_prepared(acc, q, 0); }
#endif

/* Requantize, add the output offset, clamp: one SSAT when the clamp is the whole int8 range (a
 * fused ReLU whose output zero point is -128, or none), which full_range says as a constant;
 * right_only (a constant too) when every record shifts right with the output offset folded in. */
static inline __attribute__((always_inline)) int8_t tg_s16_finish(int32_t acc, const tg_requant *requant, int32_t output_offset,
                                                                 int32_t act_min, int32_t act_max, int full_range, int right_only)
{
    /* right_only: every record shifts right and output_offset is 0 (the generator folded it into them). */
    const int32_t res = right_only ? tg_s16_requantize_right(acc, requant) : tg_requantize_prepared(acc, requant, output_offset);
    return (int8_t)(full_range ? tg_ssat8(res) : tg_clamp_i32(res, act_min, act_max));
}

/* All Cout outputs of one widened column: y[oc] for oc < cout. */
static inline __attribute__((always_inline)) void tg_s16_column_as(const uint32_t *column, int32_t groups, const uint32_t *filter,
                                                                   int32_t cout, const int32_t *folded_bias,
                                                                   const tg_requant *requant,
                                                                   int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *y,
                                                                   int full_range, int right_only)
{
    const uint32_t *w = filter;
    int32_t oc = 0;
    for (; oc + TG_S16_ROWS <= cout; oc += TG_S16_ROWS) {
        int32_t a0 = folded_bias[oc], a1 = folded_bias[oc + 1], a2 = folded_bias[oc + 2], a3 = folded_bias[oc + 3];
        w = tg_s16_block(column, w, groups, &a0, &a1, &a2, &a3);
        y[oc] = tg_s16_finish(a0, &requant[oc], output_offset, act_min, act_max, full_range, right_only);
        y[oc + 1] = tg_s16_finish(a1, &requant[oc + 1], output_offset, act_min, act_max, full_range, right_only);
        y[oc + 2] = tg_s16_finish(a2, &requant[oc + 2], output_offset, act_min, act_max, full_range, right_only);
        y[oc + 3] = tg_s16_finish(a3, &requant[oc + 3], output_offset, act_min, act_max, full_range, right_only);
    }
    if (oc < cout) {
        /* The last block's rows past Cout have zero weights; their sums are dropped. */
        const int32_t rows = cout - oc;
        int32_t a0 = folded_bias[oc], a1 = rows > 1 ? folded_bias[oc + 1] : 0, a2 = rows > 2 ? folded_bias[oc + 2] : 0, a3 = 0;
        tg_s16_block(column, w, groups, &a0, &a1, &a2, &a3);
        y[oc] = tg_s16_finish(a0, &requant[oc], output_offset, act_min, act_max, full_range, right_only);
        if (rows > 1) y[oc + 1] = tg_s16_finish(a1, &requant[oc + 1], output_offset, act_min, act_max, full_range, right_only);
        if (rows > 2) y[oc + 2] = tg_s16_finish(a2, &requant[oc + 2], output_offset, act_min, act_max, full_range, right_only);
    }
}

/*
 * All Cout outputs of one widened column, y[oc] for oc < cout, with the clamp's kind decided once per
 * column so that each kind has its own straight-line copy. Defined once in tg_s16_columns.c and
 * linked once for every kernel that uses it, so the two copies are not inlined into each kernel.
 */
void tg_s16_columns(const uint32_t *column, int32_t groups, const uint32_t *filter, int32_t cout, const int32_t *folded_bias,
                    const tg_requant *requant, int32_t output_offset, int32_t act_min, int32_t act_max,
                    int right_only, int8_t *y);

#endif /* TG_GEMM_S16_H */
