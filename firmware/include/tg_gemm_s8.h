/*
 * The GEMM microkernels of the im2col convolution (tg_convolve_s8_fast) and the requantization
 * step every fast kernel ends with: columns of K int8 values (im2col columns, input offset
 * already folded into the bias) times the filter in the blocked order tg_nn_fast.h describes,
 * register-blocked two columns x two output channels, two SMLADs per four products.
 * Internal to the kernels (static inline, C99).
 */
#ifndef TG_GEMM_S8_H
#define TG_GEMM_S8_H

#include <stddef.h>
#include <stdint.h>

#include "tg_math.h"
#include "tg_simd.h"

/* Requantize, add the output offset, clamp. */
static inline int8_t tg_finish(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset, int32_t act_min, int32_t act_max)
{
    const int32_t res = tg_wrap_add(tg_requantize(acc, multiplier, shift), output_offset);
    return (int8_t)tg_clamp_i32(res, act_min, act_max);
}

/* Two columns x two output channels. w walks the block's interleaved rows; returns where it ends. */
static inline const int8_t *tg_block_2x2(const int8_t *x0, const int8_t *x1, const int8_t *w, int32_t k, int32_t acc[4])
{
    int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
    const int8_t *const w_end = w + 2 * (k & ~3);
    while (w != w_end) {
        const uint32_t in0 = tg_read_s8x4(x0);
        const uint32_t in1 = tg_read_s8x4(x1);
        const uint32_t w0 = tg_read_s8x4(w);
        const uint32_t w1 = tg_read_s8x4(w + 4);
        x0 += 4;
        x1 += 4;
        w += 8;
        const uint32_t x0e = tg_sxtb16(in0), x1e = tg_sxtb16(in1);
        uint32_t we = tg_sxtb16(w0);
        a00 = tg_smlad(x0e, we, a00);
        a10 = tg_smlad(x1e, we, a10);
        we = tg_sxtb16(w1);
        a01 = tg_smlad(x0e, we, a01);
        a11 = tg_smlad(x1e, we, a11);
        const uint32_t x0o = tg_sxtb16_odd(in0), x1o = tg_sxtb16_odd(in1);
        uint32_t wo = tg_sxtb16_odd(w0);
        a00 = tg_smlad(x0o, wo, a00);
        a10 = tg_smlad(x1o, wo, a10);
        wo = tg_sxtb16_odd(w1);
        a01 = tg_smlad(x0o, wo, a01);
        a11 = tg_smlad(x1o, wo, a11);
    }
    for (int32_t t = k & 3; t > 0; --t) {
        const int32_t v0 = *x0++, v1 = *x1++;
        a00 = tg_mac(a00, v0, w[0]); a01 = tg_mac(a01, v0, w[1]);
        a10 = tg_mac(a10, v1, w[0]); a11 = tg_mac(a11, v1, w[1]);
        w += 2;
    }
    acc[0] = a00; acc[1] = a01; acc[2] = a10; acc[3] = a11;
    return w;
}

/* One column x two output channels, same filter walk as tg_block_2x2. */
static inline const int8_t *tg_block_1x2(const int8_t *x0, const int8_t *w, int32_t k, int32_t acc[2])
{
    int32_t a0 = acc[0], a1 = acc[1];
    const int8_t *const w_end = w + 2 * (k & ~3);
    while (w != w_end) {
        const uint32_t in0 = tg_read_s8x4(x0);
        const uint32_t w0 = tg_read_s8x4(w);
        const uint32_t w1 = tg_read_s8x4(w + 4);
        x0 += 4;
        w += 8;
        const uint32_t xe = tg_sxtb16(in0), xo = tg_sxtb16_odd(in0);
        a0 = tg_smlad(xe, tg_sxtb16(w0), a0);
        a0 = tg_smlad(xo, tg_sxtb16_odd(w0), a0);
        a1 = tg_smlad(xe, tg_sxtb16(w1), a1);
        a1 = tg_smlad(xo, tg_sxtb16_odd(w1), a1);
    }
    for (int32_t t = k & 3; t > 0; --t) {
        const int32_t v = *x0++;
        a0 = tg_mac(a0, v, w[0]); a1 = tg_mac(a1, v, w[1]);
        w += 2;
    }
    acc[0] = a0; acc[1] = a1;
    return w;
}

/* One pixel x one output channel (the Cout % 4 rows, stored plainly). */
static inline int32_t tg_row_1x1(const int8_t *x0, const int8_t *w, int32_t cin, int32_t acc)
{
    int32_t k = cin >> 2;
    while (k-- > 0) {
        const uint32_t in0 = tg_read_s8x4(x0);
        const uint32_t wv = tg_read_s8x4(w);
        acc = tg_smlad(tg_sxtb16(in0), tg_sxtb16(wv), acc);
        acc = tg_smlad(tg_sxtb16_odd(in0), tg_sxtb16_odd(wv), acc);
        x0 += 4;
        w += 4;
    }
    for (k = cin & 3; k > 0; --k) acc = tg_mac(acc, *x0++, *w++);
    return acc;
}

/* The requantization of one output row: Cout channels from a per-channel table. */
typedef struct {
    const int32_t *bias;          /* folded bias, Cout values */
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
} tg_gemm_output;

/* y0 and y1 (Cout values each) from columns x0 and x1 of K values. */
static inline void tg_gemm_2_columns(const int8_t *x0, const int8_t *x1, const int8_t *filter, int32_t k, int32_t cout,
                                     const tg_gemm_output *o, int8_t *y0, int8_t *y1)
{
    const int8_t *w = filter;
    int32_t oc = 0;
    for (; oc + 1 < cout; oc += 2) {
        int32_t acc[4] = { o->bias[oc], o->bias[oc + 1], o->bias[oc], o->bias[oc + 1] };
        w = tg_block_2x2(x0, x1, w, k, acc);
        y0[oc] = tg_finish(acc[0], o->multiplier[oc], o->shift[oc], o->output_offset, o->act_min, o->act_max);
        y0[oc + 1] = tg_finish(acc[1], o->multiplier[oc + 1], o->shift[oc + 1], o->output_offset, o->act_min, o->act_max);
        y1[oc] = tg_finish(acc[2], o->multiplier[oc], o->shift[oc], o->output_offset, o->act_min, o->act_max);
        y1[oc + 1] = tg_finish(acc[3], o->multiplier[oc + 1], o->shift[oc + 1], o->output_offset, o->act_min, o->act_max);
    }
    if (oc < cout) {
        y0[oc] = tg_finish(tg_row_1x1(x0, w, k, o->bias[oc]), o->multiplier[oc], o->shift[oc], o->output_offset, o->act_min, o->act_max);
        y1[oc] = tg_finish(tg_row_1x1(x1, w, k, o->bias[oc]), o->multiplier[oc], o->shift[oc], o->output_offset, o->act_min, o->act_max);
    }
}

/* y0 (Cout values) from column x0 of K values. */
static inline void tg_gemm_1_column(const int8_t *x0, const int8_t *filter, int32_t k, int32_t cout,
                                    const tg_gemm_output *o, int8_t *y0)
{
    const int8_t *w = filter;
    int32_t oc = 0;
    for (; oc + 1 < cout; oc += 2) {
        int32_t acc[2] = { o->bias[oc], o->bias[oc + 1] };
        w = tg_block_1x2(x0, w, k, acc);
        y0[oc] = tg_finish(acc[0], o->multiplier[oc], o->shift[oc], o->output_offset, o->act_min, o->act_max);
        y0[oc + 1] = tg_finish(acc[1], o->multiplier[oc + 1], o->shift[oc + 1], o->output_offset, o->act_min, o->act_max);
    }
    if (oc < cout)
        y0[oc] = tg_finish(tg_row_1x1(x0, w, k, o->bias[oc]), o->multiplier[oc], o->shift[oc], o->output_offset, o->act_min, o->act_max);
}

#endif /* TG_GEMM_S8_H */
