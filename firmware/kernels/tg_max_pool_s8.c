/* Max pooling, int8 NHWC. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"

#include <stddef.h>

tg_status tg_max_pool_s8(const tg_context *ctx, const tg_pool_params *pool_params,
                         const tg_dims *input_dims, const int8_t *input_data,
                         const tg_dims *filter_dims, const tg_dims *output_dims, int8_t *output_data)
{
    (void)ctx;
    if (!tg_pool_args_ok(pool_params, input_dims, input_data, filter_dims, output_dims, output_data)) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t ch = input_dims->c;
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t out_h = output_dims->h;
    const int32_t out_w = output_dims->w;
    const int32_t stride_x = pool_params->stride.w;
    const int32_t stride_y = pool_params->stride.h;
    const int32_t pad_x = pool_params->padding.w;
    const int32_t pad_y = pool_params->padding.h;
    const int32_t act_min = pool_params->activation.min;
    const int32_t act_max = pool_params->activation.max;

    int8_t *out = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)ch;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int32_t in_y0 = oy * stride_y - pad_y;
            const int32_t y_start = tg_max_i32(0, -in_y0);
            const int32_t y_end = tg_min_i32(k_h, in_h - in_y0);
            for (int32_t ox = 0; ox < out_w; ++ox) {
                const int32_t in_x0 = ox * stride_x - pad_x;
                const int32_t x_start = tg_max_i32(0, -in_x0);
                const int32_t x_end = tg_min_i32(k_w, in_w - in_x0);
                for (int32_t c = 0; c < ch; ++c) {
                    int32_t max = INT8_MIN; /* an empty window yields -128 before the clamp, as TFLite */
                    for (int32_t ky = y_start; ky < y_end; ++ky) {
                        const int8_t *row = in_batch + ((size_t)(in_y0 + ky) * (size_t)in_w + (size_t)(in_x0 + x_start)) * (size_t)ch + (size_t)c;
                        for (int32_t kx = x_start; kx < x_end; ++kx) {
                            if (*row > max) {
                                max = *row;
                            }
                            row += ch;
                        }
                    }
                    *out++ = (int8_t)tg_clamp_i32(max, act_min, act_max);
                }
            }
        }
    }
    return TG_OK;
}
