/* int8 -> float32 (ONNX DequantizeLinear): scale * (float)(q - zero_point). Contract: tg_nn.h. */
#include "tg_nn.h"

void tg_dequantize_s8_f32(const int8_t *input, int32_t size, float scale, int32_t zero_point, float *output)
{
    for (int32_t i = 0; i < size; ++i) {
        output[i] = scale * (float)((int32_t)input[i] - zero_point);
    }
}
