/* Concatenation along the innermost axis: one input per call. Contract: tg_nn.h. */
#include "tg_nn.h"

#include <stddef.h>
#include <string.h>

void tg_concat_s8(const int8_t *input, int32_t outer, int32_t inner,
                  int8_t *output, int32_t output_inner, int32_t offset)
{
    if (inner <= 0) {
        return;
    }
    for (int32_t r = 0; r < outer; ++r) {
        memcpy(output + (size_t)r * (size_t)output_inner + (size_t)offset,
               input + (size_t)r * (size_t)inner, (size_t)inner);
    }
}
