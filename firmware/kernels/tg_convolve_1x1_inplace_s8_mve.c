/* 1x1 convolution written over its own input, two output pixels at a time through scratch, as MVE
 * GEMM columns. Contract: tg_nn_mve.h. */
#include "tg_nn.h"
#include "tg_nn_mve.h"
#include "tg_checks.h"
#include "tg_mve_gemm_s8.h"

#include <stddef.h>
#include <string.h>

int32_t tg_convolve_1x1_inplace_s8_mve_get_buffer_size(const tg_dims *output_dims)
{
    return output_dims != NULL ? 2 * output_dims->c : 0;
}

/* Where output pixel p (counting over batches, rows, columns) reads its input channels. */
static inline const int8_t *tg_inplace_pixel(const int8_t *input, int32_t p, int32_t out_w, int32_t out_hw,
                                             int32_t in_w, int32_t in_hw, int32_t stride_x, int32_t stride_y, int32_t cin)
{
    const int32_t b = p / out_hw;
    const int32_t r = p - b * out_hw;
    const int32_t oy = r / out_w;
    const int32_t ox = r - oy * out_w;
    return input + ((size_t)b * (size_t)in_hw + (size_t)(oy * stride_y) * (size_t)in_w + (size_t)(ox * stride_x)) * (size_t)cin;
}

tg_status tg_convolve_1x1_inplace_s8_mve(const tg_context *ctx,
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
    const int32_t stride_x = conv_params->stride.w, stride_y = conv_params->stride.h;
    const int32_t output_offset = conv_params->output_offset;
    const int32_t act_min = conv_params->activation.min, act_max = conv_params->activation.max;
    const int widening = cout > cin;
    if (batches < 1 || in_h < 1 || in_w < 1 || cin < 1 || out_h < 1 || out_w < 1 || cout < 1 ||
        (widening && (stride_x != 1 || stride_y != 1 || out_h != in_h || out_w != in_w)) ||
        output_dims->n != batches || filter_dims->n != cout || filter_dims->h != 1 || filter_dims->w != 1 ||
        filter_dims->c != cin || stride_x < 1 || stride_y < 1 ||
        conv_params->padding.w != 0 || conv_params->padding.h != 0 ||
        (out_h - 1) * stride_y >= in_h || (out_w - 1) * stride_x >= in_w || ctx->size < tg_convolve_1x1_inplace_s8_mve_get_buffer_size(output_dims) ||
        !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    /* Output pixel p lands below input pixel p + 1 only if the input starts far enough above the output. */
    const uintptr_t gap = (uintptr_t)input_data - (uintptr_t)output_data;
    const size_t needed = widening ? (size_t)batches * (size_t)in_h * (size_t)in_w * (size_t)(cout - cin) : 0u;
    if ((uintptr_t)input_data < (uintptr_t)output_data || gap < needed) {
        return TG_ARG_ERROR;
    }
    const tg_mve_gemm_output o = { folded_bias, quant_params->multiplier, quant_params->shift, output_offset, act_min, act_max };
    int8_t *const pixels = (int8_t *)ctx->buf;
    const int32_t out_hw = out_h * out_w;
    const int32_t count = batches * out_hw;
    /* Two columns share every filter load. Both pixels' inputs are read before their outputs are
     * copied into place, and those outputs end at or below where the next unread input pixel starts
     * (out + (p + 2) * cout <= in + (p + 2) * cin, or with the gap when widening), as for one pixel. */
    int32_t p = 0;
    for (; p + 1 < count; p += 2) {
        tg_mve_gemm_2_columns(tg_inplace_pixel(input_data, p, out_w, out_hw, in_w, in_h * in_w, stride_x, stride_y, cin),
                              tg_inplace_pixel(input_data, p + 1, out_w, out_hw, in_w, in_h * in_w, stride_x, stride_y, cin),
                              filter_data, cin, cout, &o, pixels, pixels + cout);
        memcpy(output_data + (size_t)p * (size_t)cout, pixels, 2u * (size_t)cout);
    }
    if (p < count) {
        tg_mve_gemm_1_column(tg_inplace_pixel(input_data, p, out_w, out_hw, in_w, in_h * in_w, stride_x, stride_y, cin),
                             filter_data, cin, cout, &o, pixels);
        memcpy(output_data + (size_t)p * (size_t)cout, pixels, (size_t)cout);
    }
    return TG_OK;
}
