/* Fully connected as an MVE GEMM: two input rows x four outputs per block. Contract: tg_nn_mve.h. */
#include "tg_nn.h"
#include "tg_nn_mve.h"
#include "tg_checks.h"
#include "tg_mve_gemm_s8.h"

#include <stddef.h>

tg_status tg_fully_connected_s8_mve(const tg_fc_params *fc_params,
                                    const tg_per_channel_quant_params *quant_params,
                                    const tg_dims *input_dims, const int8_t *input_data,
                                    const tg_dims *filter_dims, const int8_t *filter_data,
                                    const int32_t *folded_bias,
                                    const tg_dims *output_dims, int8_t *output_data)
{
    if (fc_params == NULL || quant_params == NULL || input_dims == NULL || input_data == NULL ||
        filter_dims == NULL || filter_data == NULL || folded_bias == NULL || output_dims == NULL || output_data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t rows = input_dims->n;
    const int32_t k = filter_dims->n, cout = filter_dims->c;
    const int32_t output_offset = fc_params->output_offset;
    const int32_t act_min = fc_params->activation.min, act_max = fc_params->activation.max;
    if (rows < 1 || k < 1 || cout < 1 || input_dims->h * input_dims->w * input_dims->c != k ||
        output_dims->n != rows || output_dims->h * output_dims->w * output_dims->c != cout ||
        fc_params->filter_offset != 0 ||
        !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const tg_mve_gemm_output o = { folded_bias, quant_params->multiplier, quant_params->shift, output_offset, act_min, act_max };
    int32_t r = 0;
    for (; r + 1 < rows; r += 2) {
        const int8_t *x0 = input_data + (size_t)r * (size_t)k;
        int8_t *y0 = output_data + (size_t)r * (size_t)cout;
        tg_mve_gemm_2_columns(x0, x0 + k, filter_data, k, cout, &o, y0, y0 + cout);
    }
    if (r < rows) {
        tg_mve_gemm_1_column(input_data + (size_t)r * (size_t)k, filter_data, k, cout, &o, output_data + (size_t)r * (size_t)cout);
    }
    return TG_OK;
}
