/* Depthwise convolution (channel multiplier 1) over its own input, taps paired for SMLAD. Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_math.h"
#include "tg_simd.h"

#include <stddef.h>
#include <string.h>

/* Weight pairs of one channel: for each filter row, for each group of four taps, (w0, w2) then (w1, w3). */
#define TG_DW_MAX_PAIRS 32

static inline int8_t finish_output(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset, int32_t act_min, int32_t act_max)
{
    const int32_t res = tg_wrap_add(tg_requantize(acc, multiplier, shift), output_offset);
    return (int8_t)tg_clamp_i32(res, act_min, act_max);
}

static int32_t padded_extent(int32_t output, int32_t stride, int32_t kernel, int32_t dilation)
{
    return (output - 1) * stride + (kernel - 1) * dilation + 1;
}

static inline int32_t word_groups(int32_t k_w) { return (k_w + 3) >> 2; }

/*
 * One window of one channel in the padded plane: for each filter row, each word of four input
 * bytes splits into its even bytes (x0, x2) and odd bytes (x1, x3), offset added by SXTAB16, and
 * meets the matching weight pair in one SMLAD. Taps past k_w have zero weights, so the extra bytes
 * a word reads contribute nothing. Always inlined so that the calls below with constant k_h and
 * k_w unroll into straight-line code.
 */
static inline __attribute__((always_inline)) int32_t window_sum(const int8_t *x, int32_t cols, const uint32_t *pairs,
                                                                 int32_t k_h, int32_t k_w, uint32_t offset_pair, int32_t acc)
{
    for (int32_t ky = 0; ky < k_h; ++ky, x += cols) {
        for (int32_t g = 0; g < word_groups(k_w); ++g, pairs += 2) {
            const uint32_t v = tg_read_s8x4(x + 4 * g);
            acc = tg_smlad(tg_sxtab16(offset_pair, v), pairs[0], acc);
            if (4 * g + 1 < k_w) {
                acc = tg_smlad(tg_sxtab16_odd(offset_pair, v), pairs[1], acc);
            }
        }
    }
    return acc;
}

/* The same sum one tap at a time: for any dilation, and where a word would read past the plane. */
static int32_t window_sum_scalar(const int8_t *x, int32_t cols, const int8_t *filter, int32_t channels,
                                 int32_t k_h, int32_t k_w, int32_t dil_y, int32_t dil_x, int32_t input_offset, int32_t acc)
{
    for (int32_t ky = 0; ky < k_h; ++ky) {
        const int8_t *row = x + (size_t)ky * (size_t)dil_y * (size_t)cols;
        const int8_t *weights = filter + (size_t)ky * (size_t)k_w * (size_t)channels;
        for (int32_t kx = 0; kx < k_w; ++kx) {
            acc = tg_mac(acc, (int32_t)row[(size_t)kx * (size_t)dil_x] + input_offset, weights[(size_t)kx * (size_t)channels]);
        }
    }
    return acc;
}

/* Channel c of the input into the plane (rows x cols), the input's zero point where the windows reach past it. */
static void fill_plane(int8_t *plane, int32_t rows, int32_t cols, const int8_t *input, int32_t in_h, int32_t in_w,
                       int32_t channels, int32_t pad_y, int32_t pad_x, int8_t pad_value)
{
    const int32_t first_row = tg_min_i32(pad_y, rows);
    const int32_t end_row = tg_min_i32(pad_y + in_h, rows);
    const int32_t left = tg_min_i32(pad_x, cols);
    const int32_t copied = tg_max_i32(0, tg_min_i32(in_w, cols - left));
    memset(plane, pad_value, (size_t)first_row * (size_t)cols);
    for (int32_t y = first_row; y < end_row; ++y) {
        int8_t *dst = plane + (size_t)y * (size_t)cols;
        const int8_t *src = input + (size_t)(y - pad_y) * (size_t)in_w * (size_t)channels;
        memset(dst, pad_value, (size_t)left);
        for (int32_t x = 0; x < copied; ++x) {
            dst[left + x] = src[(size_t)x * (size_t)channels];
        }
        memset(dst + left + copied, pad_value, (size_t)(cols - left - copied));
    }
    memset(plane + (size_t)end_row * (size_t)cols, pad_value, (size_t)(rows - end_row) * (size_t)cols);
}

/* Output values of channel c of one batch, from the plane, through window_sum with k_h and k_w as given. */
static inline __attribute__((always_inline)) void channel_outputs(
    const int8_t *plane, int32_t rows, int32_t cols, const uint32_t *pairs, int32_t k_h, int32_t k_w,
    const int8_t *filter, int32_t channels, int32_t stride_y, int32_t stride_x, int32_t out_h, int32_t out_w,
    int32_t input_offset, int32_t bias, int32_t multiplier, int32_t shift, int32_t output_offset,
    int32_t act_min, int32_t act_max, int8_t *out)
{
    const uint32_t offset_pair = tg_offset_pair(input_offset);
    const size_t out_step = (size_t)channels;
    /* Words may read up to three bytes past a row's last tap: harmless inside the plane (zero
     * weights), but the last plane row's final windows must not read past its end. */
    const int32_t room = cols - 4 * word_groups(k_w);
    const int32_t safe_in_last_row = room < 0 ? 0 : room / stride_x + 1;
    for (int32_t oy = 0; oy < out_h; ++oy) {
        const int8_t *x = plane + (size_t)oy * (size_t)stride_y * (size_t)cols;
        const int32_t last_row = oy * stride_y + k_h == rows;
        const int32_t safe = last_row ? tg_min_i32(out_w, safe_in_last_row) : out_w;
        int32_t ox = 0;
        for (; ox < safe; ++ox, x += stride_x, out += out_step) {
            const int32_t acc = window_sum(x, cols, pairs, k_h, k_w, offset_pair, bias);
            *out = finish_output(acc, multiplier, shift, output_offset, act_min, act_max);
        }
        for (; ox < out_w; ++ox, x += stride_x, out += out_step) {
            const int32_t acc = window_sum_scalar(x, cols, filter, channels, k_h, k_w, 1, 1, input_offset, bias);
            *out = finish_output(acc, multiplier, shift, output_offset, act_min, act_max);
        }
    }
}

int32_t tg_depthwise_conv_inplace_s8_fast_get_buffer_size(const tg_dw_conv_params *dw_conv_params,
                                                          const tg_dims *filter_dims, const tg_dims *output_dims)
{
    if (dw_conv_params == NULL || filter_dims == NULL || output_dims == NULL) {
        return 0;
    }
    return padded_extent(output_dims->h, dw_conv_params->stride.h, filter_dims->h, dw_conv_params->dilation.h) *
           padded_extent(output_dims->w, dw_conv_params->stride.w, filter_dims->w, dw_conv_params->dilation.w);
}

tg_status tg_depthwise_conv_inplace_s8_fast(const tg_context *ctx,
                                            const tg_dw_conv_params *dw_conv_params,
                                            const tg_per_channel_quant_params *quant_params,
                                            const tg_dims *input_dims,
                                            const tg_dims *filter_dims, const int8_t *filter_data,
                                            const tg_dims *bias_dims, const int32_t *bias_data,
                                            const tg_dims *output_dims, int8_t *data)
{
    (void)bias_dims;
    if (ctx == NULL || ctx->buf == NULL || dw_conv_params == NULL || quant_params == NULL || input_dims == NULL ||
        filter_dims == NULL || filter_data == NULL || output_dims == NULL || data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, channels = input_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    const int32_t stride_x = dw_conv_params->stride.w, stride_y = dw_conv_params->stride.h;
    const int32_t pad_x = dw_conv_params->padding.w, pad_y = dw_conv_params->padding.h;
    const int32_t dil_x = dw_conv_params->dilation.w, dil_y = dw_conv_params->dilation.h;
    const int32_t input_offset = dw_conv_params->input_offset;
    const int32_t output_offset = dw_conv_params->output_offset;
    const int32_t act_min = dw_conv_params->activation.min, act_max = dw_conv_params->activation.max;

    if (batches < 1 || in_h < 1 || in_w < 1 || channels < 1 || dw_conv_params->ch_mult != 1 || k_h < 1 || k_w < 1 ||
        out_h < 1 || out_w < 1 || output_dims->c != channels || filter_dims->c != channels || output_dims->n != batches ||
        stride_x < 1 || stride_y < 1 || dil_x < 1 || dil_y < 1 || pad_x < 0 || pad_y < 0 ||
        (int64_t)out_h * out_w > (int64_t)in_h * in_w ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t rows = padded_extent(out_h, stride_y, k_h, dil_y);
    const int32_t cols = padded_extent(out_w, stride_x, k_w, dil_x);
    if (ctx->size < rows * cols) {
        return TG_ARG_ERROR;
    }
    int8_t *const plane = (int8_t *)ctx->buf;
    /* The input zero point: padding that contributes nothing once input_offset is added. */
    const int8_t pad_value = (int8_t)(-input_offset);
    const int paired = dil_x == 1 && dil_y == 1 && k_h * word_groups(k_w) * 2 <= TG_DW_MAX_PAIRS;
    const size_t in_pixels = (size_t)in_h * (size_t)in_w;
    const size_t out_pixels = (size_t)out_h * (size_t)out_w;
    uint32_t pairs[TG_DW_MAX_PAIRS];

    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = data + (size_t)b * in_pixels * (size_t)channels;
        int8_t *out_batch = data + (size_t)b * out_pixels * (size_t)channels;
        for (int32_t c = 0; c < channels; ++c) {
            /* Output pixel p of channel c lands on input byte p * channels + c: channel c, already in the plane. */
            fill_plane(plane, rows, cols, in_batch + c, in_h, in_w, channels, pad_y, pad_x, pad_value);
            const int32_t multiplier = quant_params->multiplier[c];
            const int32_t shift = quant_params->shift[c];
            const int32_t bias = bias_data != NULL ? bias_data[c] : 0;
            const int8_t *filter = filter_data + c;
            int8_t *out = out_batch + c;
            if (!paired) {
                for (int32_t oy = 0; oy < out_h; ++oy) {
                    for (int32_t ox = 0; ox < out_w; ++ox, out += channels) {
                        const int8_t *x = plane + (size_t)oy * (size_t)stride_y * (size_t)cols + (size_t)ox * (size_t)stride_x;
                        const int32_t acc = window_sum_scalar(x, cols, filter, channels, k_h, k_w, dil_y, dil_x, input_offset, bias);
                        *out = finish_output(acc, multiplier, shift, output_offset, act_min, act_max);
                    }
                }
                continue;
            }
            uint32_t *pair = pairs;
            for (int32_t ky = 0; ky < k_h; ++ky) {
                for (int32_t kx = 0; kx < k_w; kx += 4, pair += 2) {
                    int32_t w[4];
                    for (int32_t i = 0; i < 4; ++i) {
                        w[i] = kx + i < k_w ? filter[((size_t)ky * (size_t)k_w + (size_t)(kx + i)) * (size_t)channels] : 0;
                    }
                    pair[0] = ((uint32_t)w[0] & 0xffffu) | ((uint32_t)w[2] << 16);
                    pair[1] = ((uint32_t)w[1] & 0xffffu) | ((uint32_t)w[3] << 16);
                }
            }
            /* Constant kernel sizes unroll; others take the same code with run-time bounds. */
            if (k_h == 3 && k_w == 3) {
                channel_outputs(plane, rows, cols, pairs, 3, 3, filter, channels, stride_y, stride_x, out_h, out_w,
                                input_offset, bias, multiplier, shift, output_offset, act_min, act_max, out);
            } else if (k_h == 5 && k_w == 5) {
                channel_outputs(plane, rows, cols, pairs, 5, 5, filter, channels, stride_y, stride_x, out_h, out_w,
                                input_offset, bias, multiplier, shift, output_offset, act_min, act_max, out);
            } else if (k_h == 7 && k_w == 7) {
                channel_outputs(plane, rows, cols, pairs, 7, 7, filter, channels, stride_y, stride_x, out_h, out_w,
                                input_offset, bias, multiplier, shift, output_offset, act_min, act_max, out);
            } else {
                channel_outputs(plane, rows, cols, pairs, k_h, k_w, filter, channels, stride_y, stride_x, out_h, out_w,
                                input_offset, bias, multiplier, shift, output_offset, act_min, act_max, out);
            }
        }
    }
    return TG_OK;
}
