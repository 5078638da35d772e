/* Depthwise convolution with channel multiplier 1 on MVE: sixteen channels per step, int8 loads widened
 * to int16 lanes, products accumulated in four int32x4 vectors. Contract: tg_nn_mve.h. */
#include "tg_nn.h"
#include "tg_nn_mve.h"
#include "tg_checks.h"

#include <stddef.h>

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

/* The real taps of one output pixel: rows ky0..ky1-1 and columns kx0..kx1-1 of the filter; x and w
 * point at the first tap's channel 0 in the input and the filter. */
typedef struct {
    const int8_t *x;
    const int8_t *w;
    int32_t rows;
    int32_t cols;
    size_t x_row_step;
    size_t x_tap_step;
    size_t w_row_step;
} tg_window;

#if TG_MVE

#include "tg_mve_math.h"

/* Eight channels' products of one tap, added to even (channels 0, 2, 4, 6) and odd lanes: inputs and
 * weights widened to int16 (an input plus its offset fits), VMULLB/VMULLT multiply the even and the
 * odd int16 lanes into int32. MVE has no vector-by-vector integer multiply-accumulate. */
static inline void tg_tap_8(const int8_t *x, const int8_t *w, int32_t input_offset, int32x4_t *even, int32x4_t *odd)
{
    const int16x8_t xv = vaddq_n_s16(vldrbq_s16(x), (int16_t)input_offset);
    const int16x8_t wv = vldrbq_s16(w);
    *even = vaddq_s32(*even, vmullbq_int_s16(xv, wv));
    *odd = vaddq_s32(*odd, vmulltq_int_s16(xv, wv));
}

/* Requantizes channels c..c+7 held as even and odd lanes and stores them in channel order. */
static inline void tg_store_8(int32x4_t even, int32x4_t odd, int32_t c, const int32_t *mult, const int32_t *shift,
                              int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
{
    const int32x4x2_t m = vld2q_s32(mult + c), s = vld2q_s32(shift + c); /* deinterleaved: even, odd */
    const int32x4_t re = tg_mve_finish(even, m.val[0], s.val[0], output_offset, act_min, act_max);
    const int32x4_t ro = tg_mve_finish(odd, m.val[1], s.val[1], output_offset, act_min, act_max);
    /* VMOVNB/VMOVNT put the even results into the even int16 lanes and the odd into the odd ones. */
    vstrbq_s16(out + c, vmovntq_s32(vmovnbq_s32(vdupq_n_s16(0), re), ro));
}

/* Channels c..c+15 of one output pixel, all sixteen present. */
static inline void tg_sixteen_channels(const tg_window *win, int32_t c, int32_t channels, int32_t input_offset,
                                       const int32_t *bias, const int32_t *mult, const int32_t *shift,
                                       int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
{
    int32x4_t e0 = vdupq_n_s32(0), o0 = e0, e1 = e0, o1 = e0;
    if (bias != NULL) {
        const int32x4x2_t b0 = vld2q_s32(bias + c), b1 = vld2q_s32(bias + c + 8);
        e0 = b0.val[0];
        o0 = b0.val[1];
        e1 = b1.val[0];
        o1 = b1.val[1];
    }
    const int8_t *x_row = win->x + c;
    const int8_t *w_row = win->w + c;
    for (int32_t ky = 0; ky < win->rows; ++ky, x_row += win->x_row_step, w_row += win->w_row_step) {
        const int8_t *x = x_row;
        const int8_t *w = w_row;
        for (int32_t kx = 0; kx < win->cols; ++kx, x += win->x_tap_step, w += channels) {
            tg_tap_8(x, w, input_offset, &e0, &o0);
            tg_tap_8(x + 8, w + 8, input_offset, &e1, &o1);
        }
    }
    tg_store_8(e0, o0, c, mult, shift, output_offset, act_min, act_max, out);
    tg_store_8(e1, o1, c + 8, mult, shift, output_offset, act_min, act_max, out);
}

/* Channels c..min(c+4, channels)-1 of one output pixel, tail-predicated: lanes past the last channel
 * load nothing and store nothing. */
static inline void tg_four_channels(const tg_window *win, int32_t c, int32_t channels, int32_t input_offset,
                                    const int32_t *bias, const int32_t *mult, const int32_t *shift,
                                    int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
{
    const mve_pred16_t p = vctp32q((uint32_t)(channels - c));
    int32x4_t acc = bias != NULL ? vldrwq_z_s32(bias + c, p) : vdupq_n_s32(0);
    const int8_t *x_row = win->x + c;
    const int8_t *w_row = win->w + c;
    for (int32_t ky = 0; ky < win->rows; ++ky, x_row += win->x_row_step, w_row += win->w_row_step) {
        const int8_t *x = x_row;
        const int8_t *w = w_row;
        for (int32_t kx = 0; kx < win->cols; ++kx, x += win->x_tap_step, w += channels)
            acc = vaddq_s32(acc, vmulq_s32(vaddq_n_s32(vldrbq_z_s32(x, p), input_offset), vldrbq_z_s32(w, p)));
    }
    vstrbq_p_s32(out + c, tg_mve_finish(acc, vldrwq_z_s32(mult + c, p), vldrwq_z_s32(shift + c, p), output_offset, act_min, act_max), p);
}

#else /* !TG_MVE */

#include "tg_math.h"

/* Without MVE (other cores, the host's sanitizer builds): channel c of one output pixel in plain C. */
static inline void tg_one_channel(const tg_window *win, int32_t c, int32_t channels, int32_t input_offset,
                                  const int32_t *bias, const int32_t *mult, const int32_t *shift,
                                  int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
{
    uint32_t acc = bias != NULL ? (uint32_t)bias[c] : 0u;
    const int8_t *x_row = win->x + c;
    const int8_t *w_row = win->w + c;
    for (int32_t ky = 0; ky < win->rows; ++ky, x_row += win->x_row_step, w_row += win->w_row_step) {
        for (int32_t kx = 0; kx < win->cols; ++kx)
            acc += (uint32_t)(((int32_t)x_row[(size_t)kx * win->x_tap_step] + input_offset) * (int32_t)w_row[(size_t)kx * (size_t)channels]);
    }
    const int32_t res = tg_wrap_add(tg_requantize((int32_t)acc, mult[c], shift[c]), output_offset);
    out[c] = (int8_t)tg_clamp_i32(res, act_min, act_max);
}

#endif /* TG_MVE */

tg_status tg_depthwise_conv_s8_mve(const tg_dw_conv_params *dw_conv_params,
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
#if TG_MVE
    const int32_t whole = channels & ~15;
#endif
    tg_window win = { input_data, filter_data, 0, 0,
                      (size_t)dil_y * (size_t)in_w * (size_t)channels, (size_t)dil_x * (size_t)channels,
                      (size_t)k_w * (size_t)channels };

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
                /* A window with no real tap reads nothing: its outputs are the bias alone. */
                const int empty = ky0 >= ky1 || kx0 >= kx1;
                win.rows = empty ? 0 : ky1 - ky0;
                win.cols = empty ? 0 : kx1 - kx0;
                win.x = empty ? in_batch
                    : in_batch + ((size_t)(in_y0 + ky0 * dil_y) * (size_t)in_w + (size_t)(in_x0 + kx0 * dil_x)) * (size_t)channels;
                win.w = empty ? filter_data : filter_data + ((size_t)ky0 * (size_t)k_w + (size_t)kx0) * (size_t)channels;
                int32_t c = 0;
#if TG_MVE
                for (; c < whole; c += 16)
                    tg_sixteen_channels(&win, c, channels, input_offset, bias_data, mult, shift, output_offset, act_min, act_max, out);
                for (; c < channels; c += 4)
                    tg_four_channels(&win, c, channels, input_offset, bias_data, mult, shift, output_offset, act_min, act_max, out);
#else
                for (; c < channels; ++c)
                    tg_one_channel(&win, c, channels, input_offset, bias_data, mult, shift, output_offset, act_min, act_max, out);
#endif
            }
        }
    }
    return TG_OK;
}
