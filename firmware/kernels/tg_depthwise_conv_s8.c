/* Depthwise convolution, int8 NHWC x 1HWC -> int8 NHWC. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"

#include <stddef.h>

tg_status tg_depthwise_conv_s8(const tg_context *ctx,
                               const tg_dw_conv_params *dw_conv_params,
                               const tg_per_channel_quant_params *quant_params,
                               const tg_dims *input_dims, const int8_t *input_data,
                               const tg_dims *filter_dims, const int8_t *filter_data,
                               const tg_dims *bias_dims, const int32_t *bias_data,
                               const tg_dims *output_dims, int8_t *output_data)
{
    (void)ctx;
    (void)bias_dims;
    if (dw_conv_params == NULL || quant_params == NULL || input_dims == NULL || input_data == NULL ||
        filter_dims == NULL || filter_data == NULL || output_dims == NULL || output_data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t in_c = input_dims->c;
    const int32_t ch_mult = dw_conv_params->ch_mult;
    const int32_t out_c = output_dims->c;
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t out_h = output_dims->h;
    const int32_t out_w = output_dims->w;
    const int32_t stride_x = dw_conv_params->stride.w;
    const int32_t stride_y = dw_conv_params->stride.h;
    const int32_t pad_x = dw_conv_params->padding.w;
    const int32_t pad_y = dw_conv_params->padding.h;
    const int32_t dil_x = dw_conv_params->dilation.w;
    const int32_t dil_y = dw_conv_params->dilation.h;
    const int32_t input_offset = dw_conv_params->input_offset;
    const int32_t output_offset = dw_conv_params->output_offset;
    const int32_t act_min = dw_conv_params->activation.min;
    const int32_t act_max = dw_conv_params->activation.max;

    if (batches < 1 || in_h < 1 || in_w < 1 || in_c < 1 || ch_mult < 1 || k_h < 1 || k_w < 1 ||
        out_h < 1 || out_w < 1 || out_c != in_c * ch_mult || filter_dims->c != out_c ||
        output_dims->n != batches || stride_x < 1 || stride_y < 1 || dil_x < 1 || dil_y < 1 ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }

    int8_t *out = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int32_t in_y0 = oy * stride_y - pad_y;
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const int32_t in_x0 = ox * stride_x - pad_x;
                for (int32_t oc = 0; oc < out_c; ++oc) {
                    const int32_t ic = oc / ch_mult;
                    uint32_t acc = bias_data != NULL ? (uint32_t)bias_data[oc] : 0u;
                    for (int32_t ky = 0; ky < k_h; ++ky) {
                        const int32_t in_y = in_y0 + ky * dil_y;
                        if (in_y < 0 || in_y >= in_h) {
                            continue;
                        }
                        const int8_t *x_row = in_batch + (size_t)in_y * (size_t)in_w * (size_t)in_c + (size_t)ic;
                        const int8_t *w_row = filter_data + (size_t)ky * (size_t)k_w * (size_t)out_c + (size_t)oc;
                        for (int32_t kx = 0; kx < k_w; ++kx) {
                            const int32_t in_x = in_x0 + kx * dil_x;
                            if (in_x < 0 || in_x >= in_w) {
                                continue;
                            }
                            const int32_t x = (int32_t)x_row[(size_t)in_x * (size_t)in_c] + input_offset;
                            const int32_t w = (int32_t)w_row[(size_t)kx * (size_t)out_c];
                            acc += (uint32_t)(x * w);
                        }
                    }
                    int32_t res = tg_requantize((int32_t)acc, quant_params->multiplier[oc], quant_params->shift[oc]);
                    res = tg_clamp_i32(tg_wrap_add(res, output_offset), act_min, act_max);
                    *out++ = (int8_t)res;
                }
            }
        }
    }
    return TG_OK;
}

int32_t tg_depthwise_conv_s8_get_buffer_size(const tg_dims *input_dims, const tg_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0;
}
