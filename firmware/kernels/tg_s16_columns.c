/* The int16 GEMM over one widened column, shared by tg_pointwise_conv_s8_fast and tg_convolve_s8_wide. Contract: tg_gemm_s16.h. */
#include "tg_gemm_s16.h"

/* The common copy: every record a right shift with the output offset folded in, the whole int8
 * range (one SSAT). Its own function, so that register allocation is its own too. */
static __attribute__((noinline)) void tg_s16_columns_folded_full(const uint32_t *column, int32_t groups, const uint32_t *filter,
                                                                 int32_t cout, const int32_t *folded_bias, const tg_requant *requant,
                                                                 int8_t *y)
{
    tg_s16_column_as(column, groups, filter, cout, folded_bias, requant, 0, INT8_MIN, INT8_MAX, y, 1, 1);
}

/* The general copy: any record, the output offset added, any clamp. */
static __attribute__((noinline)) void tg_s16_columns_general(const uint32_t *column, int32_t groups, const uint32_t *filter,
                                                             int32_t cout, const int32_t *folded_bias, const tg_requant *requant,
                                                             int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *y)
{
    tg_s16_column_as(column, groups, filter, cout, folded_bias, requant, output_offset, act_min, act_max, y, 0, 0);
}

void tg_s16_columns(const uint32_t *column, int32_t groups, const uint32_t *filter, int32_t cout, const int32_t *folded_bias,
                    const tg_requant *requant, int32_t output_offset, int32_t act_min, int32_t act_max,
                    int right_only, int8_t *y)
{
    if (right_only && output_offset == 0 && act_min == INT8_MIN && act_max == INT8_MAX) {
        tg_s16_columns_folded_full(column, groups, filter, cout, folded_bias, requant, y);
    } else {
        tg_s16_columns_general(column, groups, filter, cout, folded_bias, requant, output_offset, act_min, act_max, y);
    }
}
