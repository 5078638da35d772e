/* Average pooling, int8 NHWC. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"
#include "tg_simd.h"

#include <stddef.h>

/* Round half away from zero (C division truncates), then clamp. */
static int8_t tg_average(int32_t sum, int32_t count, int32_t act_min, int32_t act_max)
{
    sum = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    return (int8_t)tg_clamp_i32(sum, act_min, act_max);
}

#if TG_HAVE_DSP
/* A window's sums for four neighbouring channels at once: SXTAB16 adds the even and the odd bytes of
 * each word into 16-bit lanes, which hold any 256 int8 values (-32768..32512), the most a window
 * taking this path has. */
static void tg_window_sums4(const int8_t *first, size_t row_step, size_t col_step, int32_t rows, int32_t cols, int32_t *sums)
{
    uint32_t even = 0, odd = 0;
    for (int32_t y = 0; y < rows; ++y) {
        const int8_t *p = first + (size_t)y * row_step;
        for (int32_t x = 0; x < cols; ++x, p += col_step) {
            const uint32_t w = tg_read_s8x4(p);
            even = tg_sxtab16(even, w);
            odd = tg_sxtab16_odd(odd, w);
        }
    }
    sums[0] = (int32_t)(int16_t)(uint16_t)(even & 0xffffu);
    sums[1] = (int32_t)(int16_t)(uint16_t)(odd & 0xffffu);
    sums[2] = (int32_t)(int16_t)(uint16_t)(even >> 16);
    sums[3] = (int32_t)(int16_t)(uint16_t)(odd >> 16);
}
#endif

tg_status tg_avgpool_s8(const tg_context *ctx, const tg_pool_params *pool_params,
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
                if (y_end <= y_start || x_end <= x_start) {
                    return TG_ARG_ERROR; /* window holds no input element */
                }
                const int32_t count = (y_end - y_start) * (x_end - x_start);
                int32_t c = 0;
#if TG_HAVE_DSP
                if (count <= 256) {
                    const int8_t *first = in_batch + ((size_t)(in_y0 + y_start) * (size_t)in_w + (size_t)(in_x0 + x_start)) * (size_t)ch;
                    for (; c + 4 <= ch; c += 4) {
                        int32_t sums[4];
                        tg_window_sums4(first + c, (size_t)in_w * (size_t)ch, (size_t)ch, y_end - y_start, x_end - x_start, sums);
                        for (int32_t k = 0; k < 4; ++k) *out++ = tg_average(sums[k], count, act_min, act_max);
                    }
                }
#endif
                for (; c < ch; ++c) {
                    int32_t sum = 0;
                    for (int32_t ky = y_start; ky < y_end; ++ky) {
                        const int8_t *row = in_batch + ((size_t)(in_y0 + ky) * (size_t)in_w + (size_t)(in_x0 + x_start)) * (size_t)ch + (size_t)c;
                        for (int32_t kx = x_start; kx < x_end; ++kx) {
                            sum += *row;
                            row += ch;
                        }
                    }
                    *out++ = tg_average(sum, count, act_min, act_max);
                }
            }
        }
    }
    return TG_OK;
}

int32_t tg_avgpool_s8_get_buffer_size(int32_t output_x, int32_t ch_src)
{
    (void)output_x;
    (void)ch_src;
    return 0;
}
