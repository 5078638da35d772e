/* Copy of a window of an NHWC image into a dense buffer. Contract: tg_nn.h. */
#include "tg_nn.h"

#include <stddef.h>
#include <string.h>

void tg_window_copy_s8(const int8_t *src, int32_t src_cols, int32_t channels,
                       int32_t row, int32_t col, int32_t rows, int32_t cols, int8_t *dst)
{
    const size_t line = (size_t)cols * (size_t)channels;
    for (int32_t r = 0; r < rows; ++r) {
        const int8_t *from = src + ((size_t)(row + r) * (size_t)src_cols + (size_t)col) * (size_t)channels;
        memcpy(dst + (size_t)r * line, from, line);
    }
}
