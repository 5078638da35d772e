/*
 * The MVE (Helium) GEMM microkernels shared by tg_convolve_1x1_s8_mve, tg_convolve_s8_mve and
 * tg_fully_connected_s8_mve: columns of K int8 values (input pixels, im2col columns or rows of a
 * fully connected input; the input offset already folded into the bias) times the filter in the
 * MVE GEMM order of tg_nn_mve.h. Each VMLADAVA multiplies 16 int8 pairs and adds them to a
 * scalar accumulator; a block is four output channels x two columns, computed as two passes of
 * two channels x two columns (four 16-byte loads feed four VMLADAVAs). The K % 16 tail is one tail-predicated step (VCTP: inactive lanes load zero).
 * Without MVE (TG_MVE 0: other cores, the host's sanitizer builds) the same two entry points walk
 * the same order in plain C. Internal to the kernels (static inline, C99).
 */
#ifndef TG_MVE_GEMM_S8_H
#define TG_MVE_GEMM_S8_H

#include <stddef.h>
#include <stdint.h>

#include "tg_nn_mve.h"

/* What turns one column's accumulators into int8 outputs: Cout values per table. */
typedef struct {
    const int32_t *bias;          /* folded bias */
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
} tg_mve_gemm_output;

#if TG_MVE

#include "tg_mve_math.h"

static inline int32x4_t tg_mve_lanes(int32_t a0, int32_t a1, int32_t a2, int32_t a3)
{
    int32x4_t v = vdupq_n_s32(a0);
    v = vsetq_lane_s32(a1, v, 1);
    v = vsetq_lane_s32(a2, v, 2);
    return vsetq_lane_s32(a3, v, 3);
}

/* Two columns times rows first and first + 1 of a group of four filter rows (w: the group's start).
 * Two rows at a time, not four: VMLADAVA accumulates in an even-numbered core register, and four
 * of them with the pointers and the loop counter is as many as fit without spilling. */
static inline void tg_mve_dot_2x2(const int8_t *x0, const int8_t *x1, const int8_t *w, int32_t k, int32_t first,
                                  int32_t *a00, int32_t *a01, int32_t *a10, int32_t *a11)
{
    int32_t s00 = 0, s01 = 0, s10 = 0, s11 = 0;
    const int8_t *f = w + 16 * first;
    for (int32_t n = k >> 4; n > 0; --n) {
        const int8x16_t v0 = vldrbq_s8(x0), v1 = vldrbq_s8(x1);
        const int8x16_t f0 = vldrbq_s8(f), f1 = vldrbq_s8(f + 16);
        x0 += 16;
        x1 += 16;
        f += 64;
        s00 = vmladavaq_s8(s00, v0, f0);
        s10 = vmladavaq_s8(s10, v1, f0);
        s01 = vmladavaq_s8(s01, v0, f1);
        s11 = vmladavaq_s8(s11, v1, f1);
    }
    const int32_t tail = k & 15;
    if (tail != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)tail);
        const int8_t *t = w + 64 * (k >> 4) + tail * first;
        const int8x16_t v0 = vldrbq_z_s8(x0, p), v1 = vldrbq_z_s8(x1, p);
        const int8x16_t f0 = vldrbq_z_s8(t, p), f1 = vldrbq_z_s8(t + tail, p);
        s00 = vmladavaq_s8(s00, v0, f0);
        s10 = vmladavaq_s8(s10, v1, f0);
        s01 = vmladavaq_s8(s01, v0, f1);
        s11 = vmladavaq_s8(s11, v1, f1);
    }
    *a00 = s00;
    *a01 = s01;
    *a10 = s10;
    *a11 = s11;
}

/* Two columns times a group of four filter rows; w is the group's start, the return value its end. */
static inline const int8_t *tg_mve_dot_4x2(const int8_t *x0, const int8_t *x1, const int8_t *w, int32_t k,
                                           int32x4_t *acc0, int32x4_t *acc1)
{
    int32_t a00, a01, a02, a03, a10, a11, a12, a13;
    tg_mve_dot_2x2(x0, x1, w, k, 0, &a00, &a01, &a10, &a11);
    tg_mve_dot_2x2(x0, x1, w, k, 2, &a02, &a03, &a12, &a13);
    *acc0 = tg_mve_lanes(a00, a01, a02, a03);
    *acc1 = tg_mve_lanes(a10, a11, a12, a13);
    return w + 4 * k;
}

/* One column times a group of four filter rows, same walk as tg_mve_dot_4x2. */
static inline const int8_t *tg_mve_dot_4x1(const int8_t *x0, const int8_t *w, int32_t k, int32x4_t *acc0)
{
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (int32_t n = k >> 4; n > 0; --n) {
        const int8x16_t v0 = vldrbq_s8(x0);
        x0 += 16;
        a0 = vmladavaq_s8(a0, v0, vldrbq_s8(w));
        a1 = vmladavaq_s8(a1, v0, vldrbq_s8(w + 16));
        a2 = vmladavaq_s8(a2, v0, vldrbq_s8(w + 32));
        a3 = vmladavaq_s8(a3, v0, vldrbq_s8(w + 48));
        w += 64;
    }
    const int32_t tail = k & 15;
    if (tail != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)tail);
        const int8x16_t v0 = vldrbq_z_s8(x0, p);
        a0 = vmladavaq_s8(a0, v0, vldrbq_z_s8(w, p));
        a1 = vmladavaq_s8(a1, v0, vldrbq_z_s8(w + tail, p));
        a2 = vmladavaq_s8(a2, v0, vldrbq_z_s8(w + 2 * tail, p));
        a3 = vmladavaq_s8(a3, v0, vldrbq_z_s8(w + 3 * tail, p));
        w += 4 * tail;
    }
    *acc0 = tg_mve_lanes(a0, a1, a2, a3);
    return w;
}

/* One column times one plainly stored filter row. */
static inline int32_t tg_mve_dot_1x1(const int8_t *x0, const int8_t *w, int32_t k)
{
    int32_t acc = 0;
    for (int32_t n = k >> 4; n > 0; --n) {
        acc = vmladavaq_s8(acc, vldrbq_s8(x0), vldrbq_s8(w));
        x0 += 16;
        w += 16;
    }
    const int32_t tail = k & 15;
    if (tail != 0) {
        const mve_pred16_t p = vctp8q((uint32_t)tail);
        acc = vmladavaq_s8(acc, vldrbq_z_s8(x0, p), vldrbq_z_s8(w, p));
    }
    return acc;
}

/* Output channels oc..oc+3 of one column, all four present. */
static inline void tg_mve_store_4(int32x4_t acc, const tg_mve_gemm_output *o, int32_t oc, int8_t *y)
{
    acc = vaddq_s32(acc, vldrwq_s32(o->bias + oc));
    vstrbq_s32(y + oc, tg_mve_finish(acc, vldrwq_s32(o->multiplier + oc), vldrwq_s32(o->shift + oc),
                                     o->output_offset, o->act_min, o->act_max));
}

/* Output channels oc..oc+count-1 of one column (count < 4): predicated, so nothing past Cout is touched. */
static inline void tg_mve_store_part(int32x4_t acc, const tg_mve_gemm_output *o, int32_t oc, int32_t count, int8_t *y)
{
    const mve_pred16_t p = vctp32q((uint32_t)count);
    acc = vaddq_s32(acc, vldrwq_z_s32(o->bias + oc, p));
    vstrbq_p_s32(y + oc, tg_mve_finish(acc, vldrwq_z_s32(o->multiplier + oc, p), vldrwq_z_s32(o->shift + oc, p),
                                       o->output_offset, o->act_min, o->act_max), p);
}

/* The Cout % 4 last rows, stored plainly after the groups: their dot products as lanes. */
static inline int32x4_t tg_mve_dot_rest(const int8_t *x0, const int8_t *w, int32_t k, int32_t rows)
{
    int32_t a[4] = { 0, 0, 0, 0 };
    for (int32_t r = 0; r < rows; ++r, w += k) a[r] = tg_mve_dot_1x1(x0, w, k);
    return vldrwq_s32(a);
}

/* y0 and y1 (Cout values each) from columns x0 and x1 of K values. */
static inline void tg_mve_gemm_2_columns(const int8_t *x0, const int8_t *x1, const int8_t *filter, int32_t k, int32_t cout,
                                         const tg_mve_gemm_output *o, int8_t *y0, int8_t *y1)
{
    const int8_t *w = filter;
    int32_t oc = 0;
    for (; oc + 4 <= cout; oc += 4) {
        int32x4_t acc0, acc1;
        w = tg_mve_dot_4x2(x0, x1, w, k, &acc0, &acc1);
        tg_mve_store_4(acc0, o, oc, y0);
        tg_mve_store_4(acc1, o, oc, y1);
    }
    if (oc < cout) {
        tg_mve_store_part(tg_mve_dot_rest(x0, w, k, cout - oc), o, oc, cout - oc, y0);
        tg_mve_store_part(tg_mve_dot_rest(x1, w, k, cout - oc), o, oc, cout - oc, y1);
    }
}

/* y0 (Cout values) from column x0 of K values. */
static inline void tg_mve_gemm_1_column(const int8_t *x0, const int8_t *filter, int32_t k, int32_t cout,
                                        const tg_mve_gemm_output *o, int8_t *y0)
{
    const int8_t *w = filter;
    int32_t oc = 0;
    for (; oc + 4 <= cout; oc += 4) {
        int32x4_t acc0;
        w = tg_mve_dot_4x1(x0, w, k, &acc0);
        tg_mve_store_4(acc0, o, oc, y0);
    }
    if (oc < cout) tg_mve_store_part(tg_mve_dot_rest(x0, w, k, cout - oc), o, oc, cout - oc, y0);
}

#else /* !TG_MVE */

#include "tg_math.h"

/* y0 (Cout values) from column x0 of K values, reading the filter in MVE GEMM order one value at a time. */
static inline void tg_mve_gemm_1_column(const int8_t *x0, const int8_t *filter, int32_t k, int32_t cout,
                                        const tg_mve_gemm_output *o, int8_t *y0)
{
    const int32_t grouped_rows = cout & ~3, whole = k & ~15, tail = k & 15;
    for (int32_t oc = 0; oc < cout; ++oc) {
        /* A grouped row's group starts where it would start plainly: 4 rows x K values per group. */
        const int8_t *base = filter + (size_t)(oc & ~3) * (size_t)k;
        const int32_t r = oc & 3;
        uint32_t acc = (uint32_t)o->bias[oc];
        for (int32_t i = 0; i < k; ++i) {
            const int8_t w = oc >= grouped_rows ? filter[(size_t)oc * (size_t)k + (size_t)i]
                           : i < whole ? base[(i >> 4) * 64 + r * 16 + (i & 15)]
                           : base[4 * whole + r * tail + (i - whole)];
            acc += (uint32_t)((int32_t)x0[i] * (int32_t)w);
        }
        const int32_t res = tg_wrap_add(tg_requantize((int32_t)acc, o->multiplier[oc], o->shift[oc]), o->output_offset);
        y0[oc] = (int8_t)tg_clamp_i32(res, o->act_min, o->act_max);
    }
}

static inline void tg_mve_gemm_2_columns(const int8_t *x0, const int8_t *x1, const int8_t *filter, int32_t k, int32_t cout,
                                         const tg_mve_gemm_output *o, int8_t *y0, int8_t *y1)
{
    tg_mve_gemm_1_column(x0, filter, k, cout, o, y0);
    tg_mve_gemm_1_column(x1, filter, k, cout, o, y1);
}

#endif /* TG_MVE */

#endif /* TG_MVE_GEMM_S8_H */
