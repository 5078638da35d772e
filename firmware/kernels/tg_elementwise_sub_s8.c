/* Elementwise subtraction (TFLite's int8 SUB) with broadcast of input_2. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_elementwise.h"

tg_status tg_elementwise_sub_s8(const int8_t *input_1_vect, const int8_t *input_2_vect,
                                int32_t input_1_offset, int32_t input_1_mult, int32_t input_1_shift,
                                int32_t input_2_offset, int32_t input_2_mult, int32_t input_2_shift,
                                int32_t left_shift, int8_t *output,
                                int32_t out_offset, int32_t out_mult, int32_t out_shift,
                                int32_t out_activation_min, int32_t out_activation_max,
                                int32_t block_size, int32_t input_2_length)
{
    return tg_elementwise_add_or_sub_s8(input_1_vect, input_2_vect, input_1_offset, input_1_mult, input_1_shift,
                                        input_2_offset, input_2_mult, input_2_shift, left_shift, output,
                                        out_offset, out_mult, out_shift, out_activation_min, out_activation_max,
                                        block_size, input_2_length, -1);
}
