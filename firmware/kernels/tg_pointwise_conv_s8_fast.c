/* Pointwise (1x1) convolution with int16 weights, one input pixel widened at a time, in place or not.
 * Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_gemm_s16.h"

#include <stddef.h>

int32_t tg_pointwise_conv_s8_fast_get_buffer_size(const tg_dims *input_dims)
{
    return input_dims != NULL && input_dims->c > 0 ? tg_widened_bytes(input_dims->c) : 0;
}

/* True when [a, a + a_size) and [b, b + b_size) share a byte. */
static int tg_pw_overlap(const int8_t *a, size_t a_size, const int8_t *b, size_t b_size)
{
    const uintptr_t a0 = (uintptr_t)a, b0 = (uintptr_t)b;
    return a0 < b0 + b_size && b0 < a0 + a_size;
}

tg_status tg_pointwise_conv_s8_fast(const tg_context *ctx,
                                    const tg_conv_params *conv_params,
                                    const tg_requant *requant,
                                    const tg_dims *input_dims, const int8_t *input_data,
                                    const tg_dims *filter_dims, const uint32_t *filter_data,
                                    const int32_t *folded_bias,
                                    const tg_dims *output_dims, int8_t *output_data)
{
    if (!tg_gemm_conv_pointers_ok(ctx, conv_params, requant != NULL, input_dims, input_data, filter_dims, filter_data, folded_bias,
                                  output_dims, output_data)) {
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
    const int32_t groups = (cin + 3) >> 2;
    const int right_only = tg_requant_right_only(requant, cout);
    uint32_t *const pixel = (uint32_t *)ctx->buf;
    int8_t *y = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)cin;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int8_t *in_row = in_batch + (size_t)(oy * stride_y) * (size_t)in_w * (size_t)cin;
            for (int32_t ox = 0; ox < out_w; ++ox) {
                tg_widen_s8(in_row + (size_t)(ox * stride_x) * (size_t)cin, cin, pixel);
                tg_s16_columns(pixel, groups, filter_data, cout, folded_bias, requant, output_offset, act_min, act_max, right_only, y);
                y += cout;
            }
        }
    }
    return TG_OK;
}
