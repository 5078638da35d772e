/* Convolution as an im2col column widened to int16 times int16 weights, one output pixel at a time, Cin a multiple of 4.
 * Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_gemm_s16.h"

#include <stddef.h>

int32_t tg_convolve_s8_wide_get_buffer_size(const tg_dims *filter_dims)
{
    if (filter_dims == NULL || filter_dims->h < 1 || filter_dims->w < 1 || filter_dims->c < 1) return 0;
    return tg_widened_bytes(filter_dims->h * filter_dims->w * filter_dims->c);
}

/* The window of output pixel (in_y0, in_x0 at its top left tap) straight into int16 pairs, tap by
 * tap: Cin is a multiple of four, so every tap is whole groups of the FC order. Taps outside the
 * input hold the zero point, so with the offset folded into the bias they add nothing. */
static void tg_im2col_widened(const int8_t *in_batch, int32_t in_h, int32_t in_w, int32_t cin,
                              int32_t in_y0, int32_t in_x0, int32_t k_h, int32_t k_w, int32_t dil_y, int32_t dil_x,
                              uint32_t zero_pair, uint32_t *dst)
{
    const int32_t tap_groups = cin >> 2;
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const int32_t in_y = in_y0 + ky * dil_y;
        const int row_inside = in_y >= 0 && in_y < in_h;
        const int8_t *row = in_batch + (size_t)(row_inside ? in_y : 0) * (size_t)in_w * (size_t)cin;
        for (int32_t kx = 0; kx < k_w; ++kx) {
            const int32_t in_x = in_x0 + kx * dil_x;
            if (!row_inside || in_x < 0 || in_x >= in_w) {
                for (int32_t g = tap_groups; g > 0; --g, dst += 2) dst[0] = dst[1] = zero_pair;
                continue;
            }
            tg_widen_s8(row + (size_t)in_x * (size_t)cin, cin, dst);
            dst += 2 * tap_groups;
        }
    }
}

tg_status tg_convolve_s8_wide(const tg_context *ctx,
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
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t stride_x = conv_params->stride.w, stride_y = conv_params->stride.h;
    const int32_t pad_x = conv_params->padding.w, pad_y = conv_params->padding.h;
    const int32_t dil_x = conv_params->dilation.w, dil_y = conv_params->dilation.h;
    const int32_t input_offset = conv_params->input_offset;
    const int32_t output_offset = conv_params->output_offset;
    const int32_t act_min = conv_params->activation.min, act_max = conv_params->activation.max;
    if (batches < 1 || in_h < 1 || in_w < 1 || cin < 1 || out_h < 1 || out_w < 1 || cout < 1 || k_h < 1 || k_w < 1 ||
        (cin & 3) != 0 || filter_dims->n != cout || filter_dims->c != cin || output_dims->n != batches ||
        stride_x < 1 || stride_y < 1 || dil_x < 1 || dil_y < 1 ||
        ((uintptr_t)ctx->buf & 3u) != 0 || ctx->size < tg_convolve_s8_wide_get_buffer_size(filter_dims) ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t groups = (k_h * k_w * cin) >> 2;
    const uint32_t zero_pair = tg_offset_pair(-input_offset);
    uint32_t *const column = (uint32_t *)ctx->buf;
    const int32_t *multiplier = quant_params->multiplier, *shift = quant_params->shift;
    int8_t *y = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)cin;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                tg_im2col_widened(in_batch, in_h, in_w, cin, oy * stride_y - pad_y, ox * stride_x - pad_x, k_h, k_w, dil_y, dil_x,
                                  zero_pair, column);
                tg_s16_column(column, groups, filter_data, cout, folded_bias, multiplier, shift, output_offset, act_min, act_max, y);
                y += cout;
            }
        }
    }
    return TG_OK;
}
