/* Pointwise (1x1) convolution as an MVE GEMM, two pixels x four channels per block. Contract: tg_nn_mve.h. */
#include "tg_nn.h"
#include "tg_nn_mve.h"
#include "tg_checks.h"
#include "tg_mve_gemm_s8.h"

#include <stddef.h>

/* Where pixel p (counting over batches, rows, columns of the output) reads its input channels. */
static inline const int8_t *tg_pixel(const int8_t *input, int32_t p, int32_t out_w, int32_t out_hw,
                                     int32_t in_w, int32_t in_hw, int32_t stride_x, int32_t stride_y, int32_t cin)
{
    const int32_t b = p / out_hw;
    const int32_t r = p - b * out_hw;
    const int32_t oy = r / out_w;
    const int32_t ox = r - oy * out_w;
    return input + ((size_t)b * (size_t)in_hw + (size_t)(oy * stride_y) * (size_t)in_w + (size_t)(ox * stride_x)) * (size_t)cin;
}

tg_status tg_convolve_1x1_s8_mve(const tg_conv_params *conv_params,
                                 const tg_per_channel_quant_params *quant_params,
                                 const tg_dims *input_dims, const int8_t *input_data,
                                 const tg_dims *filter_dims, const int8_t *filter_data,
                                 const int32_t *folded_bias,
                                 const tg_dims *output_dims, int8_t *output_data)
{
    if (conv_params == NULL || quant_params == NULL || input_dims == NULL || input_data == NULL ||
        filter_dims == NULL || filter_data == NULL || folded_bias == NULL || output_dims == NULL || output_data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, cin = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, cout = output_dims->c;
    const int32_t stride_x = conv_params->stride.w, stride_y = conv_params->stride.h;
    const int32_t output_offset = conv_params->output_offset;
    const int32_t act_min = conv_params->activation.min, act_max = conv_params->activation.max;
    if (batches < 1 || in_h < 1 || in_w < 1 || cin < 1 || out_h < 1 || out_w < 1 || cout < 1 ||
        filter_dims->n != cout || filter_dims->h != 1 || filter_dims->w != 1 || filter_dims->c != cin ||
        output_dims->n != batches || stride_x < 1 || stride_y < 1 ||
        conv_params->padding.w != 0 || conv_params->padding.h != 0 ||
        (out_h - 1) * stride_y >= in_h || (out_w - 1) * stride_x >= in_w ||
        !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t out_hw = out_h * out_w, in_hw = in_h * in_w;
    const int32_t pixels = batches * out_hw;
    const tg_mve_gemm_output o = { folded_bias, quant_params->multiplier, quant_params->shift, output_offset, act_min, act_max };

    /* At stride 1 the input pixels lie back to back: no index arithmetic per pixel. */
    const int contiguous = stride_x == 1 && stride_y == 1 && in_w == out_w && in_h == out_h;
    int32_t p = 0;
    for (; p + 1 < pixels; p += 2) {
        const int8_t *x0 = contiguous ? input_data + (size_t)p * (size_t)cin
                                      : tg_pixel(input_data, p, out_w, out_hw, in_w, in_hw, stride_x, stride_y, cin);
        const int8_t *x1 = contiguous ? x0 + cin
                                      : tg_pixel(input_data, p + 1, out_w, out_hw, in_w, in_hw, stride_x, stride_y, cin);
        int8_t *y0 = output_data + (size_t)p * (size_t)cout;
        tg_mve_gemm_2_columns(x0, x1, filter_data, cin, cout, &o, y0, y0 + cout);
    }
    if (p < pixels) {
        tg_mve_gemm_1_column(tg_pixel(input_data, p, out_w, out_hw, in_w, in_hw, stride_x, stride_y, cin),
                             filter_data, cin, cout, &o, output_data + (size_t)p * (size_t)cout);
    }
    return TG_OK;
}
