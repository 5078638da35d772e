/* A dense window written back into an NHWC image. Contract: tg_nn.h. */
#include "tg_nn.h"

#include <stddef.h>
#include <string.h>

void tg_window_paste_s8(const int8_t *src, int32_t rows, int32_t cols, int32_t channels,
                        int8_t *dst, int32_t dst_cols, int32_t row, int32_t col)
{
    const size_t line = (size_t)cols * (size_t)channels;
    for (int32_t r = 0; r < rows; ++r) {
        int8_t *to = dst + ((size_t)(row + r) * (size_t)dst_cols + (size_t)col) * (size_t)channels;
        memcpy(to, src + (size_t)r * line, line);
    }
}
