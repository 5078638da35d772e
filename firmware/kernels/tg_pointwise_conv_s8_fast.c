/* Pointwise (1x1) convolution with int16 weights, one input pixel widened at a time, in place or not.
 * Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_gemm_s8.h"

#include <stddef.h>

/* Output channels per block: four accumulators share each widened input word. */
#define TG_PW_ROWS 4

int32_t tg_pointwise_conv_s8_fast_get_buffer_size(const tg_dims *input_dims)
{
    /* Two words per group of four input channels (the last group zero-padded). */
    return input_dims != NULL && input_dims->c > 0 ? 8 * ((input_dims->c + 3) / 4) : 0;
}

/* One pixel's Cin values as int16 pairs, group by group: (x[k], x[k+2]) then (x[k+1], x[k+3]), the
 * order of the weights' FC layout; channels past Cin read 0. */
static void tg_pw_widen_pixel(const int8_t *x, int32_t cin, uint32_t *dst)
{
    for (int32_t g = cin >> 2; g > 0; --g) {
        const uint32_t in = tg_read_s8x4(x);
        dst[0] = tg_sxtb16(in);
        dst[1] = tg_sxtb16_odd(in);
        x += 4;
        dst += 2;
    }
    const int32_t left = cin & 3;
    if (left != 0) {
        const int32_t x1 = left > 1 ? x[1] : 0;
        const int32_t x2 = left > 2 ? x[2] : 0;
        dst[0] = ((uint32_t)x[0] & 0xffffu) | ((uint32_t)x2 << 16);
        dst[1] = (uint32_t)x1 & 0xffffu;
    }
}

/* The LDRD/LDM path needs the optimizer: at -O0 (a debug build) gcc cannot find registers for the asm. */
#if TG_HAVE_DSP && defined(__OPTIMIZE__)
#define TG_PW_LDM 1
#else
#define TG_PW_LDM 0
#endif

#if TG_PW_LDM
/* Four rows over one group of four channels: one LDRD for the pixel's two words, two LDMs for the
 * block's eight weight words, eight SMLADs. An LDM needs its registers in ascending order, hence
 * r4, r5, r6, r8 by name (r7 stays free for builds that keep Thumb's frame pointer). */
static inline __attribute__((always_inline)) void tg_pw_group(const uint32_t **x, const uint32_t **w,
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
static inline void tg_pw_group(const uint32_t **x, const uint32_t **w, int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
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

/* Four output channels of one widened pixel; w walks the block and is returned past it. The sums
 * stay in registers: an array would be stored back after every group. */
static inline __attribute__((always_inline)) const uint32_t *tg_pw_block(const uint32_t *x, const uint32_t *w, int32_t groups,
                                                                         int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
{
    for (int32_t n = groups >> 2; n > 0; --n) {
        tg_pw_group(&x, &w, a0, a1, a2, a3);
        tg_pw_group(&x, &w, a0, a1, a2, a3);
        tg_pw_group(&x, &w, a0, a1, a2, a3);
        tg_pw_group(&x, &w, a0, a1, a2, a3);
    }
    for (int32_t n = groups & 3; n > 0; --n) tg_pw_group(&x, &w, a0, a1, a2, a3);
    return w;
}

/* True when [a, a + a_size) and [b, b + b_size) share a byte. */
static int tg_pw_overlap(const int8_t *a, size_t a_size, const int8_t *b, size_t b_size)
{
    const uintptr_t a0 = (uintptr_t)a, b0 = (uintptr_t)b;
    return a0 < b0 + b_size && b0 < a0 + a_size;
}

tg_status tg_pointwise_conv_s8_fast(const tg_context *ctx,
                                    const tg_conv_params *conv_params,
                                    const tg_per_channel_quant_params *quant_params,
                                    const tg_dims *input_dims, const int8_t *input_data,
                                    const tg_dims *filter_dims, const uint32_t *filter_data,
                                    const int32_t *folded_bias,
                                    const tg_dims *output_dims, int8_t *output_data)
{
    if (ctx == NULL || ctx->buf == NULL || conv_params == NULL || quant_params == NULL || input_dims == NULL ||
        input_data == NULL || filter_dims == NULL || filter_data == NULL || folded_bias == NULL ||
        output_dims == NULL || output_data == NULL || quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, cin = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, cout = output_dims->c;
    const int32_t stride_y = conv_params->stride.h, stride_x = conv_params->stride.w;
    const int32_t output_offset = conv_params->output_offset;
    const int32_t act_min = conv_params->activation.min, act_max = conv_params->activation.max;
    if (batches < 1 || in_h < 1 || in_w < 1 || cin < 1 || out_h < 1 || out_w < 1 || cout < 1 ||
        output_dims->n != batches || filter_dims->n != cout || filter_dims->h != 1 || filter_dims->w != 1 ||
        filter_dims->c != cin || stride_x < 1 || stride_y < 1 ||
        conv_params->padding.w != 0 || conv_params->padding.h != 0 ||
        (out_h - 1) * stride_y >= in_h || (out_w - 1) * stride_x >= in_w ||
        ((uintptr_t)ctx->buf & 3u) != 0 || ctx->size < tg_pointwise_conv_s8_fast_get_buffer_size(input_dims) ||
        !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const size_t input_bytes = (size_t)batches * (size_t)in_h * (size_t)in_w * (size_t)cin;
    const size_t output_bytes = (size_t)batches * (size_t)out_h * (size_t)out_w * (size_t)cout;
    if (tg_pw_overlap(input_data, input_bytes, output_data, output_bytes)) {
        /* Output pixel p must land only on input pixels already widened (tg_nn_fast.h). */
        const int widening = cout > cin;
        const size_t needed = widening ? output_bytes - input_bytes : 0u;
        if ((uintptr_t)input_data < (uintptr_t)output_data || (uintptr_t)input_data - (uintptr_t)output_data < needed ||
            (widening && (stride_x != 1 || stride_y != 1 || out_h != in_h || out_w != in_w))) {
            return TG_ARG_ERROR;
        }
    }
    const int32_t *multiplier = quant_params->multiplier, *shift = quant_params->shift;
    const int32_t groups = (cin + 3) >> 2;
    uint32_t *const pixel = (uint32_t *)ctx->buf;
    int8_t *y = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)cin;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int8_t *in_row = in_batch + (size_t)(oy * stride_y) * (size_t)in_w * (size_t)cin;
            for (int32_t ox = 0; ox < out_w; ++ox) {
                tg_pw_widen_pixel(in_row + (size_t)(ox * stride_x) * (size_t)cin, cin, pixel);
                const uint32_t *w = filter_data;
                int32_t oc = 0;
                for (; oc + TG_PW_ROWS <= cout; oc += TG_PW_ROWS) {
                    int32_t a0 = folded_bias[oc], a1 = folded_bias[oc + 1], a2 = folded_bias[oc + 2], a3 = folded_bias[oc + 3];
                    w = tg_pw_block(pixel, w, groups, &a0, &a1, &a2, &a3);
                    y[oc] = tg_finish(a0, multiplier[oc], shift[oc], output_offset, act_min, act_max);
                    y[oc + 1] = tg_finish(a1, multiplier[oc + 1], shift[oc + 1], output_offset, act_min, act_max);
                    y[oc + 2] = tg_finish(a2, multiplier[oc + 2], shift[oc + 2], output_offset, act_min, act_max);
                    y[oc + 3] = tg_finish(a3, multiplier[oc + 3], shift[oc + 3], output_offset, act_min, act_max);
                }
                if (oc < cout) {
                    /* The last block's rows past Cout have zero weights; their sums are dropped. */
                    const int32_t rows = cout - oc;
                    int32_t a0 = folded_bias[oc], a1 = rows > 1 ? folded_bias[oc + 1] : 0, a2 = rows > 2 ? folded_bias[oc + 2] : 0, a3 = 0;
                    tg_pw_block(pixel, w, groups, &a0, &a1, &a2, &a3);
                    y[oc] = tg_finish(a0, multiplier[oc], shift[oc], output_offset, act_min, act_max);
                    if (rows > 1) y[oc + 1] = tg_finish(a1, multiplier[oc + 1], shift[oc + 1], output_offset, act_min, act_max);
                    if (rows > 2) y[oc + 2] = tg_finish(a2, multiplier[oc + 2], shift[oc + 2], output_offset, act_min, act_max);
                }
                y += cout;
            }
        }
    }
    return TG_OK;
}
