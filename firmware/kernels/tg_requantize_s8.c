/* Re-expresses int8 values in another scale and zero point. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_math.h"

void tg_requantize_s8(const int8_t *input, int32_t size, int32_t input_offset,
                      int32_t mult, int32_t shift, int32_t output_offset, int8_t *output)
{
    for (int32_t i = 0; i < size; ++i) {
        const int32_t x = tg_wrap_add((int32_t)input[i], input_offset);
        output[i] = tg_sat_s8(tg_wrap_add(tg_requantize(x, mult, shift), output_offset));
    }
}
