/*
 * Requantization on four int32 lanes with MVE (Helium), bit for bit tg_requantize of tg_math.h
 * (TFLite's default double rounding). Internal to the MVE kernels (static inline, C99).
 *
 * Why these instructions are exact:
 *  - VQRDMULH computes (2ab + 2^31) >> 32 with saturation, which equals
 *    SaturatingRoundingDoublingHighMul for every pair, ties included: for a negative product p,
 *    trunc((p + 1 - 2^30) / 2^31) = floor((p + 2^30) / 2^31). Both saturate INT32_MIN * INT32_MIN.
 *  - VRSHL by -e adds 2^(e-1) and shifts right in wider precision: round half up. RoundingDivideByPOT
 *    rounds half away from zero, so negative values are first lowered by one (saturating, which
 *    only touches INT32_MIN, where it cannot change the result); with e = 0 nothing is lowered.
 */
#ifndef TG_MVE_MATH_H
#define TG_MVE_MATH_H

#if !defined(__ARM_FEATURE_MVE) || (__ARM_FEATURE_MVE & 1) == 0
#error "tg_mve_math.h needs the M-profile Vector Extension (e.g. -mcpu=cortex-m55)"
#endif

#include <arm_mve.h>
#include <stdint.h>

/* tg_requantize(x[i], multiplier[i], shift[i]) for each lane; shift > 0 is a left shift,
 * limited to [-31, 31] like tg_requantize. */
static inline int32x4_t tg_mve_requantize(int32x4_t x, int32x4_t multiplier, int32x4_t shift)
{
    const int32x4_t left = vminq_s32(vmaxq_s32(shift, vdupq_n_s32(0)), vdupq_n_s32(31));
    const int32x4_t right = vmaxq_s32(vminq_s32(shift, vdupq_n_s32(0)), vdupq_n_s32(-31)); /* -exponent */
    const int32x4_t high = vqrdmulhq_s32(vshlq_s32(x, left), multiplier);
    /* -1 where high < 0 and the exponent is not 0: the sign bit of high & right. */
    const int32x4_t fixup = vshrq_n_s32(vandq_s32(high, right), 31);
    return vrshlq_s32(vqaddq_s32(high, fixup), right);
}

/* The output stage of every int8 kernel: requantize, add the output offset (wrapping, like
 * tg_wrap_add), clamp to the activation range. */
static inline int32x4_t tg_mve_finish(int32x4_t acc, int32x4_t multiplier, int32x4_t shift,
                                      int32_t output_offset, int32_t act_min, int32_t act_max)
{
    const int32x4_t res = vaddq_n_s32(tg_mve_requantize(acc, multiplier, shift), output_offset);
    return vminq_s32(vmaxq_s32(res, vdupq_n_s32(act_min)), vdupq_n_s32(act_max));
}

#endif /* TG_MVE_MATH_H */
