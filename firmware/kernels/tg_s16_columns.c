/* The int16 GEMM over one widened column, shared by tg_pointwise_conv_s8_fast and tg_convolve_s8_wide. Contract: tg_gemm_s16.h. */
#include "tg_gemm_s16.h"

void tg_s16_columns(const uint32_t *column, int32_t groups, const uint32_t *filter, int32_t cout, const int32_t *folded_bias,
                    const tg_requant *requant, int32_t output_offset, int32_t act_min, int32_t act_max,
                    int right_only, int8_t *y)
{
    /* Three straight-line copies: right shifts with the whole int8 range (one SSAT) or a clamp, and
     * the general one, which takes every record and clamp. */
    if (right_only && act_min == INT8_MIN && act_max == INT8_MAX) {
        tg_s16_column_as(column, groups, filter, cout, folded_bias, requant, output_offset, act_min, act_max, y, 1, 1);
    } else if (right_only) {
        tg_s16_column_as(column, groups, filter, cout, folded_bias, requant, output_offset, act_min, act_max, y, 0, 1);
    } else {
        tg_s16_column_as(column, groups, filter, cout, folded_bias, requant, output_offset, act_min, act_max, y, 0, 0);
    }
}
