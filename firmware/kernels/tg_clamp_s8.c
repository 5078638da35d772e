/* Standalone activation clamp. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_math.h"

void tg_clamp_s8(const int8_t *input, int32_t size, int32_t act_min, int32_t act_max, int8_t *output)
{
    for (int32_t i = 0; i < size; ++i) {
        output[i] = (int8_t)tg_clamp_i32((int32_t)input[i], act_min, act_max);
    }
}
