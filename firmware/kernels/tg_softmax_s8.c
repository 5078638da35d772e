/*
 * Softmax, int8 in -> int8 out (scale 1/256, zero point -128), over the last
 * dimension. Contract: tg_nn.h. Reproduces TFLite's reference int8 softmax
 * (and CMSIS-NN's arm_softmax_s8) bit for bit.
 *
 * ===== Exact definition (enough to write a twin implementation) =====
 *
 * All values are int32 unless marked int64. Notation:
 *   SRDHM(a, b)  = SaturatingRoundingDoublingHighMul:
 *                  if a == b == INT32_MIN: INT32_MAX; else p = (int64)a * b,
 *                  nudge = (p >= 0) ? 2^30 : 1 - 2^30,
 *                  result = (int32)((p + nudge) / 2^31)   [division truncates toward 0]
 *   RDBP(x, e)   = RoundingDivideByPOT, 0 <= e <= 31:
 *                  mask = 2^e - 1, rem = x & mask, thr = (mask >> 1) + (x < 0 ? 1 : 0),
 *                  result = (x >> e) + (rem > thr ? 1 : 0)    [>> is arithmetic]
 *                  (x / 2^e rounded half away from zero). Only the output step
 *                  below can ask for e > 31; see "Large sums" at the end.
 *   SSHL(x, e)   = saturating x * 2^e for e in {1, 2}: thr = 2^(31-e) - 1;
 *                  x > thr -> INT32_MAX, x < -thr -> INT32_MIN, else x * 2^e.
 *   MBQM(x, m, s)= MultiplyByQuantizedMultiplier (double rounding):
 *                  RDBP(SRDHM(x * 2^max(s,0), m), max(-s,0)).
 *   Plain "+" and "-" below are int32 additions (they never overflow for
 *   inputs within the contract; this file evaluates them mod 2^32).
 *
 * Inputs: mult, shift = TFLite's input_multiplier / input_left_shift from
 * PreprocessSoftmaxScaling(beta, input_scale, 5) (real multiplier
 * min(beta * input_scale * 2^26, 2^31 - 1) quantized as QuantizeMultiplier-
 * GreaterThanOne); diff_min = -CalculateInputRadius(5, shift, 31)
 * = -floor(31 * 2^26 / 2^shift).
 *
 * exp_on_interval(a), a in Q0.31 (raw in [-2^29, 0)), gemmlowp's
 * exp_on_interval_between_negative_one_quarter_and_0_excl:
 *   x   = a + 2^28                                  (a + 1/8)
 *   x2  = SRDHM(x, x);  x3 = SRDHM(x2, x);  x4 = SRDHM(x2, x2)
 *   x4q = RDBP(x4, 2)
 *   t   = RDBP(SRDHM(x4q + x3, 715827883) + x2, 1)  (715827883 = 1/3 in Q0.31)
 *   return 1895147668 + SRDHM(1895147668, x + t)    (1895147668 = exp(-1/8) in Q0.31)
 *
 * exp_on_negative_values(a), a in Q5.26 (a <= 0), result in Q0.31:
 *   r0  = (a & (2^24 - 1)) - 2^24                   (a mod 1/4, minus 1/4; in [-2^24, -1])
 *   res = exp_on_interval(r0 * 32)                  (Q5.26 -> Q0.31; exact, no saturation)
 *   rem = r0 - a                                    (computed in int64; fits int32)
 *   for k = 0..6: if (rem & 2^(24 + k)) != 0: res = SRDHM(res, C[k]) with
 *     C = { 1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242 }
 *     (exp(-1/4), exp(-1/2), exp(-1), exp(-2), exp(-4), exp(-8), exp(-16) in Q0.31)
 *   if a == 0: res = INT32_MAX                      (Q0.31 "one")
 *   (no further clamp: with 5 integer bits gemmlowp's "a < -32" clamp is compiled out)
 *
 * one_over_one_plus_x(a), a in Q0.31 (raw >= 0), result Q0.31 ~ 1 / (1 + a):
 *   hd = (int32)((s + (s >= 0 ? 1 : -1)) / 2) with s = (int64)a + INT32_MAX
 *        (RoundingHalfSum(a, one); int64 division truncates)
 *   x  = 1515870810 + SRDHM(hd, -1010580540)        (48/17 and -32/17 in Q2.29)
 *   3 times: p = SRDHM(hd, x); q = 2^29 - p; x = x + SSHL(SRDHM(x, q), 2)
 *   return SSHL(x, 1)
 *
 * Per row (row_size values x[0..n-1]):
 *   max = max_i x[i]
 *   sum = 0
 *   for each i: d = x[i] - max; if d >= diff_min:
 *       e_i = exp_on_negative_values(MBQM(d, mult, shift)); sum = sum + RDBP(e_i, 12)
 *       (RDBP(., 12) is gemmlowp Rescale from Q0.31 to Q12.19)
 *   headroom = count of leading zero bits of (uint32)sum  (sum >= 2^19 whenever
 *              diff_min <= 0, because the maximum contributes 2^19)
 *   nbou     = 12 - headroom                           (num_bits_over_unit)
 *   ssmo     = (int32)(((uint32)sum << headroom) - 2^31)   (shifted sum minus one)
 *   scale    = one_over_one_plus_x(ssmo)
 *   for each i: d = x[i] - max;
 *       if d >= diff_min:
 *           v = RDBP(SRDHM(scale, exp_on_negative_values(MBQM(d, mult, shift))), nbou + 23)
 *           out[i] = clamp(v - 128, -128, 127)
 *       else out[i] = -128
 *   (nbou + 23 = num_bits_over_unit + 31 - 8 bits of the int8 output type.)
 *   If sum == 0 (only possible with diff_min > 0, outside the contract) every
 *   output of the row is -128.
 *
 * Large sums: when sum >= 2^28 (headroom <= 3, only possible for rows of 512 or
 * more elements), nbou + 23 >= 32. TFLite's RoundingDivideByPOT asserts
 * e <= 31 there and CMSIS-NN shifts by >= 32 (undefined in C; a typical Arm
 * build yields 1, i.e. output -127). This file defines it as the same
 * rounding rule evaluated exactly: the argument is in [0, 2^31), below half
 * of 2^e, so v = 0 and the output is -128 (which is also the correctly
 * rounded value: each probability is at most 2^19 / 2^28 = 1/512 < 0.5/256).
 * The C# twin must do the same: if nbou + 23 > 31 then v = 0.
 * Limit: sum wraps (mod 2^32) if a row has 4096 or more elements within
 * diff_min of the maximum (TFLite overflows there too).
 */
#include "tg_nn.h"
#include "tg_math.h"

#include <stddef.h>

static const int32_t tg_softmax_exp_barrel[7] = {
    1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242,
};

/* Saturating multiply by 2^e, e in {1, 2}. */
static int32_t tg_softmax_sat_shl(int32_t x, int32_t e)
{
    const int32_t thr = (int32_t)(((uint32_t)1 << (uint32_t)(31 - e)) - 1u);
    if (x > thr) {
        return INT32_MAX;
    }
    if (x < -thr) {
        return INT32_MIN;
    }
    return tg_shl(x, e);
}

static int32_t tg_softmax_exp_on_interval(int32_t a)
{
    const int32_t x = tg_wrap_add(a, (int32_t)1 << 28);
    const int32_t x2 = tg_srdhm(x, x);
    const int32_t x3 = tg_srdhm(x2, x);
    const int32_t x4 = tg_srdhm(x2, x2);
    const int32_t x4q = tg_rounding_divide_by_pot(x4, 2);
    const int32_t t = tg_rounding_divide_by_pot(tg_wrap_add(tg_srdhm(tg_wrap_add(x4q, x3), 715827883), x2), 1);
    return tg_wrap_add(1895147668, tg_srdhm(1895147668, tg_wrap_add(x, t)));
}

static int32_t tg_softmax_exp_on_negative_values(int32_t a)
{
    const int32_t r0 = (a & (((int32_t)1 << 24) - 1)) - ((int32_t)1 << 24);
    int32_t res = tg_softmax_exp_on_interval(r0 * 32);
    const int32_t rem = (int32_t)((int64_t)r0 - (int64_t)a);
    for (int32_t k = 0; k < 7; ++k) {
        if ((rem & ((int32_t)1 << (24 + k))) != 0) {
            res = tg_srdhm(res, tg_softmax_exp_barrel[k]);
        }
    }
    return a == 0 ? INT32_MAX : res;
}

static int32_t tg_softmax_one_over_one_plus_x(int32_t a)
{
    const int64_t s = (int64_t)a + INT32_MAX;
    const int32_t hd = (int32_t)((s + (s >= 0 ? 1 : -1)) / 2);
    int32_t x = tg_wrap_add(1515870810, tg_srdhm(hd, -1010580540));
    for (int32_t i = 0; i < 3; ++i) {
        const int32_t p = tg_srdhm(hd, x);
        const int32_t q = (int32_t)(((int64_t)1 << 29) - p);
        x = tg_wrap_add(x, tg_softmax_sat_shl(tg_srdhm(x, q), 2));
    }
    return tg_softmax_sat_shl(x, 1);
}

static int32_t tg_softmax_clz(uint32_t v)
{
    int32_t n = 0;
    if (v == 0u) {
        return 32;
    }
    while ((v & 0x80000000u) == 0u) {
        v <<= 1;
        ++n;
    }
    return n;
}

void tg_softmax_s8(const int8_t *input, int32_t num_rows, int32_t row_size,
                   int32_t mult, int32_t shift, int32_t diff_min, int8_t *output)
{
    for (int32_t row = 0; row < num_rows; ++row) {
        const int8_t *x = input + (size_t)row * (size_t)row_size;
        int8_t *out = output + (size_t)row * (size_t)row_size;

        int32_t max = INT8_MIN;
        for (int32_t i = 0; i < row_size; ++i) {
            if (x[i] > max) {
                max = x[i];
            }
        }

        uint32_t sum = 0u;
        for (int32_t i = 0; i < row_size; ++i) {
            const int32_t d = (int32_t)x[i] - max;
            if (d >= diff_min) {
                const int32_t e = tg_softmax_exp_on_negative_values(tg_requantize(d, mult, shift));
                sum += (uint32_t)tg_rounding_divide_by_pot(e, 12);
            }
        }

        if (sum == 0u) {
            for (int32_t i = 0; i < row_size; ++i) {
                out[i] = INT8_MIN;
            }
            continue;
        }

        const int32_t headroom = tg_softmax_clz(sum);
        const int32_t out_shift = 12 - headroom + 23;
        const int32_t ssmo = (int32_t)((sum << (uint32_t)headroom) - 0x80000000u);
        const int32_t scale = tg_softmax_one_over_one_plus_x(ssmo);

        for (int32_t i = 0; i < row_size; ++i) {
            const int32_t d = (int32_t)x[i] - max;
            if (d >= diff_min) {
                const int32_t e = tg_softmax_exp_on_negative_values(tg_requantize(d, mult, shift));
                const int32_t p = tg_srdhm(scale, e);
                int32_t v;
                if (out_shift <= 31) {
                    v = tg_rounding_divide_by_pot(p, out_shift);
                } else {
                    /* Same rounding rule in 64 bits (p >= 0 < 2^31 <= 2^(out_shift-1)): 0. */
                    const int64_t m = ((int64_t)1 << out_shift) - 1;
                    const int64_t r = (int64_t)p & m;
                    const int64_t thr = (m >> 1) + (p < 0 ? 1 : 0);
                    v = (int32_t)(((int64_t)p >> out_shift) + (r > thr ? 1 : 0));
                }
                out[i] = tg_sat_s8(v - 128);
            } else {
                out[i] = INT8_MIN;
            }
        }
    }
}
