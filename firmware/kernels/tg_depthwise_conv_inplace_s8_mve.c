/* Depthwise convolution (channel multiplier 1) written over its own input, on MVE: one channel at a
 * time gathered into scratch, then four output pixels of a row per vector. Contract: tg_nn_mve.h. */
#include "tg_nn.h"
#include "tg_nn_mve.h"
#include "tg_checks.h"

#include <stddef.h>
#include <string.h>

/* One channel's geometry: the padded scratch (rows x cols from input row -pad_y, column -pad_x),
 * the filter and the output it produces. */
typedef struct {
    int32_t channels, in_h, in_w, pad_y, pad_x, rows, cols;
    int32_t k_h, k_w, stride_y, stride_x, dil_y, dil_x, out_h, out_w;
    int32_t output_offset, act_min, act_max;
} tg_dw_geometry;

#if TG_MVE

#include "tg_mve_math.h"

/* Channel c of one batch into the scratch, the input's zero point where the window leaves the input.
 * Four bytes per gather. */
static void tg_gather_channel(const tg_dw_geometry *g, const int8_t *in_batch, int32_t c, int8_t pad_value, int8_t *channel)
{
    const uint32x4_t lanes = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)g->channels);
    /* Columns [left, left + inside) of each scratch row hold input columns 0, 1, ... */
    const int32_t left = g->pad_x < g->cols ? g->pad_x : g->cols;
    const int32_t inside = g->in_w < g->cols - left ? g->in_w : g->cols - left;
    for (int32_t y = 0; y < g->rows; ++y, channel += g->cols) {
        const int32_t in_y = y - g->pad_y;
        if (in_y < 0 || in_y >= g->in_h) {
            memset(channel, pad_value, (size_t)g->cols);
            continue;
        }
        memset(channel, pad_value, (size_t)left);
        const int8_t *src = in_batch + (size_t)in_y * (size_t)g->in_w * (size_t)g->channels + (size_t)c;
        for (int32_t x = 0; x < inside; x += 4, src += 4 * (size_t)g->channels) {
            const mve_pred16_t p = vctp32q((uint32_t)(inside - x));
            vstrbq_p_s32(channel + left + x, vldrbq_gather_offset_z_s32(src, lanes, p), p);
        }
        memset(channel + left + inside, pad_value, (size_t)(g->cols - left - inside));
    }
}

/* Channel c's outputs from the scratch: four pixels of a row per vector, one VMLA by each tap's
 * weight; acc starts at the folded bias. out points at channel c of output pixel 0. */
static void tg_channel_outputs(const tg_dw_geometry *g, const int8_t *channel, const int8_t *w, int32_t folded,
                               int32_t multiplier, int32_t shift, int8_t *out)
{
    /* Lane i reads the scratch stride_x bytes after lane i - 1 and writes channels bytes after it. */
    const uint32x4_t read_lanes = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)g->stride_x);
    const uint32x4_t write_lanes = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)g->channels);
    const int32x4_t mult = vdupq_n_s32(multiplier);
    const int32x4_t shft = vdupq_n_s32(shift);
    const size_t x_row_step = (size_t)g->dil_y * (size_t)g->cols;
    const size_t w_row_step = (size_t)g->k_w * (size_t)g->channels;
    for (int32_t oy = 0; oy < g->out_h; ++oy) {
        const int8_t *top = channel + (size_t)(oy * g->stride_y) * (size_t)g->cols;
        int8_t *out_row = out + (size_t)oy * (size_t)g->out_w * (size_t)g->channels;
        for (int32_t ox = 0; ox < g->out_w; ox += 4) {
            const mve_pred16_t p = vctp32q((uint32_t)(g->out_w - ox));
            int32x4_t acc = vdupq_n_s32(folded);
            const int8_t *x_row = top + (size_t)(ox * g->stride_x);
            const int8_t *w_row = w;
            for (int32_t ky = 0; ky < g->k_h; ++ky, x_row += x_row_step, w_row += w_row_step) {
                for (int32_t kx = 0; kx < g->k_w; ++kx) {
                    const int32x4_t x = vldrbq_gather_offset_z_s32(x_row + (size_t)kx * (size_t)g->dil_x, read_lanes, p);
                    acc = vmlaq_n_s32(acc, x, w_row[(size_t)kx * (size_t)g->channels]);
                }
            }
            vstrbq_scatter_offset_p_s32(out_row + (size_t)ox * (size_t)g->channels, write_lanes,
                                        tg_mve_finish(acc, mult, shft, g->output_offset, g->act_min, g->act_max), p);
        }
    }
}

#else /* !TG_MVE */

#include "tg_math.h"

/* Without MVE (other cores, the host's sanitizer builds): the same steps in plain C. */
static void tg_gather_channel(const tg_dw_geometry *g, const int8_t *in_batch, int32_t c, int8_t pad_value, int8_t *channel)
{
    for (int32_t y = 0; y < g->rows; ++y) {
        const int32_t in_y = y - g->pad_y;
        for (int32_t x = 0; x < g->cols; ++x) {
            const int32_t in_x = x - g->pad_x;
            const int inside = in_y >= 0 && in_y < g->in_h && in_x >= 0 && in_x < g->in_w;
            channel[(size_t)y * (size_t)g->cols + (size_t)x] =
                inside ? in_batch[((size_t)in_y * (size_t)g->in_w + (size_t)in_x) * (size_t)g->channels + (size_t)c] : pad_value;
        }
    }
}

static void tg_channel_outputs(const tg_dw_geometry *g, const int8_t *channel, const int8_t *w, int32_t folded,
                               int32_t multiplier, int32_t shift, int8_t *out)
{
    for (int32_t oy = 0; oy < g->out_h; ++oy) {
        for (int32_t ox = 0; ox < g->out_w; ++ox) {
            uint32_t acc = (uint32_t)folded;
            for (int32_t ky = 0; ky < g->k_h; ++ky) {
                const int8_t *x_row = channel + (size_t)(oy * g->stride_y + ky * g->dil_y) * (size_t)g->cols + (size_t)(ox * g->stride_x);
                const int8_t *w_row = w + (size_t)ky * (size_t)g->k_w * (size_t)g->channels;
                for (int32_t kx = 0; kx < g->k_w; ++kx) {
                    acc += (uint32_t)((int32_t)x_row[(size_t)kx * (size_t)g->dil_x] * (int32_t)w_row[(size_t)kx * (size_t)g->channels]);
                }
            }
            const int32_t res = tg_wrap_add(tg_requantize((int32_t)acc, multiplier, shift), g->output_offset);
            out[((size_t)oy * (size_t)g->out_w + (size_t)ox) * (size_t)g->channels] = (int8_t)tg_clamp_i32(res, g->act_min, g->act_max);
        }
    }
}

#endif /* TG_MVE */

tg_status tg_depthwise_conv_inplace_s8_mve(const tg_context *ctx,
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
    const int32_t input_offset = dw_conv_params->input_offset;
    tg_dw_geometry g = {
        .channels = input_dims->c, .in_h = input_dims->h, .in_w = input_dims->w,
        .pad_y = dw_conv_params->padding.h, .pad_x = dw_conv_params->padding.w,
        .k_h = filter_dims->h, .k_w = filter_dims->w,
        .stride_y = dw_conv_params->stride.h, .stride_x = dw_conv_params->stride.w,
        .dil_y = dw_conv_params->dilation.h, .dil_x = dw_conv_params->dilation.w,
        .out_h = output_dims->h, .out_w = output_dims->w,
        .output_offset = dw_conv_params->output_offset,
        .act_min = dw_conv_params->activation.min, .act_max = dw_conv_params->activation.max,
    };
    if (batches < 1 || g.in_h < 1 || g.in_w < 1 || g.channels < 1 || dw_conv_params->ch_mult != 1 || g.k_h < 1 || g.k_w < 1 ||
        g.out_h < 1 || g.out_w < 1 || output_dims->c != g.channels || filter_dims->c != g.channels || output_dims->n != batches ||
        g.stride_x < 1 || g.stride_y < 1 || g.dil_x < 1 || g.dil_y < 1 || g.pad_x < 0 || g.pad_y < 0 ||
        (int64_t)g.out_h * g.out_w > (int64_t)g.in_h * g.in_w ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(g.output_offset) || !tg_activation_ok(g.act_min, g.act_max)) {
        return TG_ARG_ERROR;
    }
    g.rows = (g.out_h - 1) * g.stride_y + (g.k_h - 1) * g.dil_y + 1;
    g.cols = (g.out_w - 1) * g.stride_x + (g.k_w - 1) * g.dil_x + 1;
    if (ctx->size < g.rows * g.cols) {
        return TG_ARG_ERROR;
    }
    int8_t *const channel = (int8_t *)ctx->buf;
    /* The input zero point: padding that contributes nothing once input_offset is added. */
    const int8_t pad_value = (int8_t)(-input_offset);
    const size_t in_batch_bytes = (size_t)g.in_h * (size_t)g.in_w * (size_t)g.channels;
    const size_t out_batch_bytes = (size_t)g.out_h * (size_t)g.out_w * (size_t)g.channels;

    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = data + (size_t)b * in_batch_bytes;
        int8_t *out_batch = data + (size_t)b * out_batch_bytes;
        for (int32_t c = 0; c < g.channels; ++c) {
            /* Every output byte of channel c lands on an input byte of channel c, gathered just now. */
            tg_gather_channel(&g, in_batch, c, pad_value, channel);
            const int8_t *w = filter_data + c;
            /* sum((x + offset) * w) = sum(x * w) + offset * sum(w) in the accumulator's wrapping
             * arithmetic; padding holds the zero point, so the fold is exact at the borders too. */
            int32_t weight_sum = 0;
            for (int32_t t = 0; t < g.k_h * g.k_w; ++t) {
                weight_sum += w[(size_t)t * (size_t)g.channels];
            }
            const uint32_t bias = bias_data != NULL ? (uint32_t)bias_data[c] : 0u;
            const int32_t folded = (int32_t)(bias + (uint32_t)input_offset * (uint32_t)weight_sum);
            tg_channel_outputs(&g, channel, w, folded, quant_params->multiplier[c], quant_params->shift[c], out_batch + c);
        }
    }
    return TG_OK;
}
