/* Depthwise convolution with channel multiplier 1, four channels per word. Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_math.h"
#include "tg_simd.h"

#include <stddef.h>

static inline int8_t tg_finish(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset, int32_t act_min, int32_t act_max)
{
    const int32_t res = tg_wrap_add(tg_requantize(acc, multiplier, shift), output_offset);
    return (int8_t)tg_clamp_i32(res, act_min, act_max);
}

/* The first tap index k (of taps at base + k * dilation) that lands inside [0, size), and one past the last. */
static inline void tg_tap_range(int32_t base, int32_t taps, int32_t dilation, int32_t size, int32_t *first, int32_t *end)
{
    int32_t k0 = 0;
    while (k0 < taps && base + k0 * dilation < 0) ++k0;
    int32_t k1 = taps;
    while (k1 > k0 && base + (k1 - 1) * dilation >= size) --k1;
    *first = k0;
    *end = k1;
}

tg_status tg_depthwise_conv_s8_fast(const tg_dw_conv_params *dw_conv_params,
                                    const tg_per_channel_quant_params *quant_params,
                                    const tg_dims *input_dims, const int8_t *input_data,
                                    const tg_dims *filter_dims, const int8_t *filter_data,
                                    const int32_t *bias_data,
                                    const tg_dims *output_dims, int8_t *output_data)
{
    if (dw_conv_params == NULL || quant_params == NULL || input_dims == NULL || input_data == NULL ||
        filter_dims == NULL || filter_data == NULL || output_dims == NULL || output_data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, channels = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t stride_x = dw_conv_params->stride.w, stride_y = dw_conv_params->stride.h;
    const int32_t pad_x = dw_conv_params->padding.w, pad_y = dw_conv_params->padding.h;
    const int32_t dil_x = dw_conv_params->dilation.w, dil_y = dw_conv_params->dilation.h;
    const int32_t input_offset = dw_conv_params->input_offset;
    const int32_t output_offset = dw_conv_params->output_offset;
    const int32_t act_min = dw_conv_params->activation.min, act_max = dw_conv_params->activation.max;
    if (batches < 1 || in_h < 1 || in_w < 1 || channels < 1 || out_h < 1 || out_w < 1 || k_h < 1 || k_w < 1 ||
        dw_conv_params->ch_mult != 1 || output_dims->c != channels || filter_dims->c != channels ||
        output_dims->n != batches || stride_x < 1 || stride_y < 1 || dil_x < 1 || dil_y < 1 ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t *mult = quant_params->multiplier;
    const int32_t *shift = quant_params->shift;
    const uint32_t offset_pair = tg_offset_pair(input_offset);
    const int32_t blocks = channels >> 2;
    const size_t row_step = (size_t)dil_y * (size_t)in_w * (size_t)channels;
    const size_t tap_step = (size_t)dil_x * (size_t)channels;
    const size_t filter_row_step = (size_t)k_w * (size_t)channels;

    int8_t *out = output_data;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * (size_t)in_w * (size_t)channels;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int32_t in_y0 = oy * stride_y - pad_y;
            int32_t ky0, ky1;
            tg_tap_range(in_y0, k_h, dil_y, in_h, &ky0, &ky1);
            for (int32_t ox = 0; ox < out_w; ++ox, out += channels) {
                const int32_t in_x0 = ox * stride_x - pad_x;
                int32_t kx0, kx1;
                tg_tap_range(in_x0, k_w, dil_x, in_w, &kx0, &kx1);
                /* The window's first real tap, for channel 0 (a window with none reads nothing). */
                const int empty = ky0 >= ky1 || kx0 >= kx1;
                const int32_t rows_end = empty ? ky0 : ky1;
                const int8_t *x_first = empty ? in_batch
                    : in_batch + ((size_t)(in_y0 + ky0 * dil_y) * (size_t)in_w + (size_t)(in_x0 + kx0 * dil_x)) * (size_t)channels;
                const int8_t *w_first = empty ? filter_data : filter_data + ((size_t)ky0 * (size_t)k_w + (size_t)kx0) * (size_t)channels;
                int32_t c = 0;
                for (int32_t blk = 0; blk < blocks; ++blk, c += 4) {
                    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                    if (bias_data != NULL) {
                        a0 = bias_data[c]; a1 = bias_data[c + 1]; a2 = bias_data[c + 2]; a3 = bias_data[c + 3];
                    }
                    const int8_t *x_row = x_first + c;
                    const int8_t *w_row = w_first + c;
                    for (int32_t ky = ky0; ky < rows_end; ++ky, x_row += row_step, w_row += filter_row_step) {
                        const int8_t *x = x_row;
                        const int8_t *w = w_row;
                        for (int32_t kx = kx0; kx < kx1; ++kx, x += tap_step, w += channels) {
                            const uint32_t xv = tg_read_s8x4(x);
                            const uint32_t wv = tg_read_s8x4(w);
                            const uint32_t xe = tg_sxtab16(offset_pair, xv), xo = tg_sxtab16_odd(offset_pair, xv);
                            const uint32_t we = tg_sxtb16(wv), wo = tg_sxtb16_odd(wv);
                            a0 = tg_smlabb(xe, we, a0);
                            a2 = tg_smlatt(xe, we, a2);
                            a1 = tg_smlabb(xo, wo, a1);
                            a3 = tg_smlatt(xo, wo, a3);
                        }
                    }
                    out[c] = tg_finish(a0, mult[c], shift[c], output_offset, act_min, act_max);
                    out[c + 1] = tg_finish(a1, mult[c + 1], shift[c + 1], output_offset, act_min, act_max);
                    out[c + 2] = tg_finish(a2, mult[c + 2], shift[c + 2], output_offset, act_min, act_max);
                    out[c + 3] = tg_finish(a3, mult[c + 3], shift[c + 3], output_offset, act_min, act_max);
                }
                for (; c < channels; ++c) {
                    int32_t acc = bias_data != NULL ? bias_data[c] : 0;
                    const int8_t *x_row = x_first + c;
                    const int8_t *w_row = w_first + c;
                    for (int32_t ky = ky0; ky < rows_end; ++ky, x_row += row_step, w_row += filter_row_step) {
                        for (int32_t kx = 0; kx < kx1 - kx0; ++kx)
                            acc = tg_mac(acc, (int32_t)x_row[(size_t)kx * tap_step] + input_offset, w_row[(size_t)kx * (size_t)channels]);
                    }
                    out[c] = tg_finish(acc, mult[c], shift[c], output_offset, act_min, act_max);
                }
            }
        }
    }
    return TG_OK;
}
