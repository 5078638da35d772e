/* Mean over adjacent axes (TFLite's int8 MEAN). Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"

#include <stddef.h>

tg_status tg_mean_s8(const int8_t *input, int32_t outer, int32_t reduce, int32_t inner,
                     int32_t input_offset, int32_t mult, int32_t shift, int32_t output_offset,
                     int8_t *output)
{
    if (input == NULL || output == NULL || outer < 1 || reduce < 1 || inner < 1 ||
        shift < -31 || shift > 31 || !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset)) {
        return TG_ARG_ERROR;
    }
    for (int32_t o = 0; o < outer; ++o) {
        const int8_t *block = input + o * reduce * inner;
        for (int32_t c = 0; c < inner; ++c) {
            int32_t sum = 0;
            for (int32_t r = 0; r < reduce; ++r) {
                sum = tg_wrap_add(sum, (int32_t)block[r * inner + c] + input_offset);
            }
            output[o * inner + c] = tg_sat_s8(tg_wrap_add(tg_requantize(sum, mult, shift), output_offset));
        }
    }
    return TG_OK;
}
