/* Constant padding of int8 data on any of the four axes. Contract: tg_nn.h. */
#include "tg_nn.h"

#include <stddef.h>
#include <string.h>

tg_status tg_pad_s8(const int8_t *input, int8_t *output, int8_t pad_value,
                    const tg_dims *input_size, const tg_dims *pre_pad, const tg_dims *post_pad)
{
    if (input == NULL || output == NULL || input_size == NULL || pre_pad == NULL || post_pad == NULL ||
        input_size->n < 1 || input_size->h < 1 || input_size->w < 1 || input_size->c < 1 ||
        pre_pad->n < 0 || pre_pad->h < 0 || pre_pad->w < 0 || pre_pad->c < 0 ||
        post_pad->n < 0 || post_pad->h < 0 || post_pad->w < 0 || post_pad->c < 0) {
        return TG_ARG_ERROR;
    }
    const int32_t out_h = pre_pad->h + input_size->h + post_pad->h;
    const int32_t out_w = pre_pad->w + input_size->w + post_pad->w;
    const int32_t out_c = pre_pad->c + input_size->c + post_pad->c;
    const int32_t out_n = pre_pad->n + input_size->n + post_pad->n;
    memset(output, (int)pad_value, (size_t)out_n * (size_t)out_h * (size_t)out_w * (size_t)out_c);
    for (int32_t n = 0; n < input_size->n; ++n) {
        for (int32_t y = 0; y < input_size->h; ++y) {
            for (int32_t x = 0; x < input_size->w; ++x) {
                const int32_t row = ((n + pre_pad->n) * out_h + y + pre_pad->h) * out_w + x + pre_pad->w;
                memcpy(&output[row * out_c + pre_pad->c],
                       &input[((n * input_size->h + y) * input_size->w + x) * input_size->c],
                       (size_t)input_size->c);
            }
        }
    }
    return TG_OK;
}
