/* Fully connected, int8 [N, K] x [C_out, K] -> int8 [N, C_out]. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"

#include <stddef.h>

tg_status tg_fully_connected_s8(const tg_context *ctx,
                                const tg_fc_params *fc_params,
                                const tg_per_channel_quant_params *quant_params,
                                int32_t per_channel,
                                const tg_dims *input_dims, const int8_t *input_data,
                                const tg_dims *filter_dims, const int8_t *filter_data,
                                const tg_dims *bias_dims, const int32_t *bias_data,
                                const tg_dims *output_dims, int8_t *output_data)
{
    (void)ctx;
    (void)bias_dims;
    if (fc_params == NULL || quant_params == NULL || input_dims == NULL || input_data == NULL ||
        filter_dims == NULL || filter_data == NULL || output_dims == NULL || output_data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t depth = filter_dims->n; /* K */
    const int32_t out_c = output_dims->c;
    const int32_t input_offset = fc_params->input_offset;
    const int32_t filter_offset = fc_params->filter_offset;
    const int32_t output_offset = fc_params->output_offset;
    const int32_t act_min = fc_params->activation.min;
    const int32_t act_max = fc_params->activation.max;

    if (batches < 1 || depth < 1 || out_c < 1 || filter_dims->c != out_c || output_dims->n != batches ||
        input_dims->h < 1 || input_dims->w < 1 || input_dims->c < 1 ||
        (int64_t)input_dims->h * input_dims->w * input_dims->c != depth ||
        (per_channel != 0 && per_channel != 1) ||
        !tg_input_offset_ok(input_offset) || !tg_input_offset_ok(filter_offset) ||
        !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }

    const int8_t *in = input_data;
    int8_t *out = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *w = filter_data;
        for (int32_t oc = 0; oc < out_c; ++oc) {
            uint32_t acc = bias_data != NULL ? (uint32_t)bias_data[oc] : 0u;
            if (filter_offset == 0) {
                for (int32_t k = 0; k < depth; ++k) {
                    acc += (uint32_t)(((int32_t)in[k] + input_offset) * (int32_t)w[k]);
                }
            } else {
                for (int32_t k = 0; k < depth; ++k) {
                    acc += (uint32_t)(((int32_t)in[k] + input_offset) * ((int32_t)w[k] + filter_offset));
                }
            }
            const int32_t q = per_channel ? oc : 0;
            int32_t res = tg_requantize((int32_t)acc, quant_params->multiplier[q], quant_params->shift[q]);
            res = tg_clamp_i32(tg_wrap_add(res, output_offset), act_min, act_max);
            out[oc] = (int8_t)res;
            w += depth;
        }
        in += depth;
        out += out_c;
    }
    return TG_OK;
}

int32_t tg_fully_connected_s8_get_buffer_size(const tg_dims *filter_dims)
{
    (void)filter_dims;
    return 0;
}
