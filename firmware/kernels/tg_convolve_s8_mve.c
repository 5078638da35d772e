/* Convolution as int8 im2col columns plus the MVE GEMM. Contract: tg_nn_mve.h. */
#include "tg_nn.h"
#include "tg_nn_mve.h"
#include "tg_checks.h"
#include "tg_im2col_s8.h"
#include "tg_mve_gemm_s8.h"

#include <stddef.h>

tg_status tg_convolve_s8_mve(const tg_context *ctx,
                             const tg_conv_params *conv_params,
                             const tg_per_channel_quant_params *quant_params,
                             const tg_dims *input_dims, const int8_t *input_data,
                             const tg_dims *filter_dims, const int8_t *filter_data,
                             const int32_t *folded_bias,
                             const tg_dims *output_dims, int8_t *output_data)
{
    if (!tg_gemm_conv_pointers_ok(ctx, conv_params, tg_quant_params_ok(quant_params), input_dims, input_data, filter_dims, filter_data, folded_bias,
                                  output_dims, output_data)) {
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
        filter_dims->n != cout || filter_dims->c != cin || output_dims->n != batches ||
        stride_x < 1 || stride_y < 1 || dil_x < 1 || dil_y < 1 ||
        ctx->size < tg_convolve_s8_mve_get_buffer_size(input_dims, filter_dims) ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t k = k_h * k_w * cin;
    const int8_t zero_point = (int8_t)-input_offset;
    int8_t *col0 = (int8_t *)ctx->buf;
    int8_t *col1 = col0 + k;
    const tg_mve_gemm_output o = { folded_bias, quant_params->multiplier, quant_params->shift, output_offset, act_min, act_max };
    const int32_t out_hw = out_h * out_w;

    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)cin;
        int8_t *out_batch = output_data + (size_t)b * (size_t)out_hw * (size_t)cout;
        int32_t p = 0;
        for (; p + 1 < out_hw; p += 2) {
            const int32_t oy0 = p / out_w, ox0 = p - oy0 * out_w;
            const int32_t oy1 = (p + 1) / out_w, ox1 = p + 1 - oy1 * out_w;
            tg_im2col_s8(in_batch, in_h, in_w, cin, oy0 * stride_y - pad_y, ox0 * stride_x - pad_x, k_h, k_w, dil_y, dil_x, zero_point, col0);
            tg_im2col_s8(in_batch, in_h, in_w, cin, oy1 * stride_y - pad_y, ox1 * stride_x - pad_x, k_h, k_w, dil_y, dil_x, zero_point, col1);
            int8_t *y0 = out_batch + (size_t)p * (size_t)cout;
            tg_mve_gemm_2_columns(col0, col1, filter_data, k, cout, &o, y0, y0 + cout);
        }
        if (p < out_hw) {
            const int32_t oy0 = p / out_w, ox0 = p - oy0 * out_w;
            tg_im2col_s8(in_batch, in_h, in_w, cin, oy0 * stride_y - pad_y, ox0 * stride_x - pad_x, k_h, k_w, dil_y, dil_x, zero_point, col0);
            tg_mve_gemm_1_column(col0, filter_data, k, cout, &o, out_batch + (size_t)p * (size_t)cout);
        }
    }
    return TG_OK;
}

int32_t tg_convolve_s8_mve_get_buffer_size(const tg_dims *input_dims, const tg_dims *filter_dims)
{
    /* Two columns of K bytes, rounded up to whole words. */
    const int32_t k = filter_dims->h * filter_dims->w * input_dims->c;
    return (2 * k + 3) & ~3;
}
