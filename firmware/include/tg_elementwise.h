/* The arithmetic TFLite's int8 ADD and SUB share (private to the add and sub kernels). */
#ifndef TG_ELEMENTWISE_H
#define TG_ELEMENTWISE_H

#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"

#include <stddef.h>

/* Both inputs are rescaled to a common scale with a positive multiplier each; SUB then subtracts
 * the second (b_sign = -1) rather than negating its multiplier, which would round ties differently. */
static inline tg_status tg_elementwise_add_or_sub_s8(const int8_t *input_1_vect, const int8_t *input_2_vect,
                                                     int32_t input_1_offset, int32_t input_1_mult, int32_t input_1_shift,
                                                     int32_t input_2_offset, int32_t input_2_mult, int32_t input_2_shift,
                                                     int32_t left_shift, int8_t *output,
                                                     int32_t out_offset, int32_t out_mult, int32_t out_shift,
                                                     int32_t out_activation_min, int32_t out_activation_max,
                                                     int32_t block_size, int32_t input_2_length, int32_t b_sign)
{
    if (input_1_vect == NULL || input_2_vect == NULL || output == NULL || block_size < 0 ||
        input_2_length < 1 || block_size % input_2_length != 0 || left_shift < 0 || left_shift > 22 ||
        !tg_input_offset_ok(input_1_offset) || !tg_input_offset_ok(input_2_offset) ||
        !tg_output_offset_ok(out_offset) || !tg_activation_ok(out_activation_min, out_activation_max)) {
        return TG_ARG_ERROR;
    }
    /* |x + offset| <= 255, so (x + offset) * 2^left_shift fits for left_shift <= 22. */
    const int32_t scale = (int32_t)1 << left_shift;
    int32_t j = 0;
    for (int32_t i = 0; i < block_size; ++i) {
        const int32_t a = tg_requantize(((int32_t)input_1_vect[i] + input_1_offset) * scale, input_1_mult, input_1_shift);
        const int32_t b = tg_requantize(((int32_t)input_2_vect[j] + input_2_offset) * scale, input_2_mult, input_2_shift);
        int32_t res = tg_requantize(tg_wrap_add(a, b_sign < 0 ? -b : b), out_mult, out_shift);
        res = tg_clamp_i32(tg_wrap_add(res, out_offset), out_activation_min, out_activation_max);
        output[i] = (int8_t)res;
        if (++j == input_2_length) {
            j = 0;
        }
    }
    return TG_OK;
}

#endif
