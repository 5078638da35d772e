/* 1x1 convolution written over its own input, one output pixel at a time. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"

#include <stddef.h>
#include <string.h>

int32_t tg_convolve_1x1_inplace_s8_get_buffer_size(const tg_dims *output_dims)
{
    return output_dims != NULL ? output_dims->c : 0;
}

tg_status tg_convolve_1x1_inplace_s8(const tg_context *ctx,
                                     const tg_conv_params *conv_params,
                                     const tg_per_channel_quant_params *quant_params,
                                     const tg_dims *input_dims, const int8_t *input_data,
                                     const tg_dims *filter_dims, const int8_t *filter_data,
                                     const tg_dims *bias_dims, const int32_t *bias_data,
                                     const tg_dims *output_dims, int8_t *output_data)
{
    (void)bias_dims;
    if (ctx == NULL || ctx->buf == NULL || conv_params == NULL || quant_params == NULL || input_dims == NULL ||
        input_data == NULL || filter_dims == NULL || filter_data == NULL || output_dims == NULL || output_data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t in_c = input_dims->c;
    const int32_t out_h = output_dims->h;
    const int32_t out_w = output_dims->w;
    const int32_t out_c = output_dims->c;
    const int32_t stride_x = conv_params->stride.w;
    const int32_t stride_y = conv_params->stride.h;
    const int32_t input_offset = conv_params->input_offset;
    const int32_t output_offset = conv_params->output_offset;
    const int32_t act_min = conv_params->activation.min;
    const int32_t act_max = conv_params->activation.max;

    const int widening = out_c > in_c;
    if (batches < 1 || in_h < 1 || in_w < 1 || in_c < 1 || out_h < 1 || out_w < 1 || out_c < 1 ||
        (widening && (stride_x != 1 || stride_y != 1 || out_h != in_h || out_w != in_w)) ||
        output_dims->n != batches || filter_dims->n != out_c || filter_dims->h != 1 || filter_dims->w != 1 ||
        filter_dims->c != in_c || stride_x < 1 || stride_y < 1 ||
        conv_params->padding.w != 0 || conv_params->padding.h != 0 ||
        (out_h - 1) * stride_y >= in_h || (out_w - 1) * stride_x >= in_w || ctx->size < out_c ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    /* Output pixel p lands below input pixel p + 1 only if the input starts far enough above the output. */
    const uintptr_t gap = (uintptr_t)input_data - (uintptr_t)output_data;
    const size_t needed = widening ? (size_t)batches * (size_t)in_h * (size_t)in_w * (size_t)(out_c - in_c) : 0u;
    if ((uintptr_t)input_data < (uintptr_t)output_data || gap < needed) {
        return TG_ARG_ERROR;
    }
    int8_t *const pixel = (int8_t *)ctx->buf;
    int8_t *out = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)in_c;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const int8_t *x = in_batch + ((size_t)(oy * stride_y) * (size_t)in_w + (size_t)(ox * stride_x)) * (size_t)in_c;
                for (int32_t oc = 0; oc < out_c; ++oc) {
                    const int8_t *w = filter_data + (size_t)oc * (size_t)in_c;
                    uint32_t acc = bias_data != NULL ? (uint32_t)bias_data[oc] : 0u;
                    for (int32_t ic = 0; ic < in_c; ++ic) {
                        acc += (uint32_t)(((int32_t)x[ic] + input_offset) * (int32_t)w[ic]);
                    }
                    int32_t res = tg_requantize((int32_t)acc, quant_params->multiplier[oc], quant_params->shift[oc]);
                    pixel[oc] = (int8_t)tg_clamp_i32(tg_wrap_add(res, output_offset), act_min, act_max);
                }
                /* Only now is this pixel's input no longer needed; the copy covers it and earlier ones only. */
                memcpy(out, pixel, (size_t)out_c);
                out += out_c;
            }
        }
    }
    return TG_OK;
}
