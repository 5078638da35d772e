/* Table lookup of an int8 -> int8 function. Contract: tg_nn.h. */
#include "tg_nn.h"

void tg_lut_s8(const int8_t *input, int32_t size, const int8_t table[256], int8_t *output)
{
    for (int32_t i = 0; i < size; ++i) {
        output[i] = table[(int32_t)input[i] + 128];
    }
}
