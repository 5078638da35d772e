/* uint8 <-> int8 with the zero point moved by 128 (an exact XOR with 0x80). Contract: tg_nn.h. */
#include "tg_nn.h"

void tg_convert_u8_s8(const uint8_t *input, int32_t size, int8_t *output)
{
    for (int32_t i = 0; i < size; ++i) {
        output[i] = (int8_t)((int32_t)input[i] - 128);
    }
}

void tg_convert_s8_u8(const int8_t *input, int32_t size, uint8_t *output)
{
    for (int32_t i = 0; i < size; ++i) {
        output[i] = (uint8_t)((int32_t)input[i] + 128);
    }
}
