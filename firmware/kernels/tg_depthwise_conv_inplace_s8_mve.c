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

/* The scratch rows and columns that hold input (the rest is padding): [top, top + height) x [left, left + width). */
typedef struct {
    int32_t top, height, left, width;
} tg_dw_inside;

static tg_dw_inside tg_inside(const tg_dw_geometry *g)
{
    tg_dw_inside r;
    r.top = g->pad_y < g->rows ? g->pad_y : g->rows;
    r.height = g->in_h < g->rows - r.top ? g->in_h : g->rows - r.top;
    r.left = g->pad_x < g->cols ? g->pad_x : g->cols;
    r.width = g->in_w < g->cols - r.left ? g->in_w : g->cols - r.left;
    return r;
}

#if TG_MVE

#include "tg_mve_math.h"

/* The input part of channel c of one batch into the scratch, four bytes per gather. */
static void tg_gather_channel(const tg_dw_geometry *g, const tg_dw_inside *in, const int8_t *in_batch, int32_t c, int8_t *channel)
{
    const uint32x4_t lanes = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)g->channels);
    const size_t row_bytes = (size_t)g->in_w * (size_t)g->channels;
    const int8_t *src_row = in_batch + (size_t)c;
    int8_t *dst_row = channel + (size_t)in->top * (size_t)g->cols + (size_t)in->left;
    for (int32_t y = 0; y < in->height; ++y, src_row += row_bytes, dst_row += g->cols) {
        const int8_t *src = src_row;
        for (int32_t x = 0; x < in->width; x += 4, src += 4 * (size_t)g->channels) {
            const mve_pred16_t p = vctp32q((uint32_t)(in->width - x));
            vstrbq_p_s32(dst_row + x, vldrbq_gather_offset_z_s32(src, lanes, p), p);
        }
    }
}

/* Which output axis the four lanes of a vector run along, and the steps in the scratch and the
 * output between lanes and between successive lines of pixels. The lanes run along the axis that
 * leaves fewer of them idle at its end (KWS's 25 x 5 maps run down the columns). */
typedef struct {
    int32_t lane_count, outer_count;
    size_t lane_read, lane_write, outer_read, outer_write;
} tg_dw_lanes;

static tg_dw_lanes tg_lanes(const tg_dw_geometry *g)
{
    const size_t channels = (size_t)g->channels;
    const int along_x = ((g->out_w + 3) / 4) * g->out_h <= ((g->out_h + 3) / 4) * g->out_w;
    tg_dw_lanes l;
    l.lane_count = along_x ? g->out_w : g->out_h;
    l.outer_count = along_x ? g->out_h : g->out_w;
    l.lane_read = along_x ? (size_t)g->stride_x : (size_t)g->stride_y * (size_t)g->cols;
    l.lane_write = along_x ? channels : (size_t)g->out_w * channels;
    l.outer_read = along_x ? (size_t)g->stride_y * (size_t)g->cols : (size_t)g->stride_x;
    l.outer_write = along_x ? (size_t)g->out_w * channels : channels;
    return l;
}

/* Channel c's outputs from the scratch, four output pixels per vector, one VMLA by each tap's weight,
 * acc starting at the folded bias; out points at channel c of output pixel 0. */
static void tg_channel_outputs(const tg_dw_geometry *g, const int8_t *channel, const int8_t *w, int32_t folded,
                               int32_t multiplier, int32_t shift, int8_t *out)
{
    const tg_dw_lanes l = tg_lanes(g);
    const uint32x4_t read_lanes = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)l.lane_read);
    const uint32x4_t write_lanes = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)l.lane_write);
    const int32x4_t mult = vdupq_n_s32(multiplier);
    const int32x4_t shft = vdupq_n_s32(shift);
    const size_t x_row_step = (size_t)g->dil_y * (size_t)g->cols;
    const size_t dil_x = (size_t)g->dil_x;
    const size_t w_row_step = (size_t)g->k_w * (size_t)g->channels;
    for (int32_t o = 0; o < l.outer_count; ++o) {
        const int8_t *x = channel + (size_t)o * l.outer_read;
        int8_t *y = out + (size_t)o * l.outer_write;
        for (int32_t i = 0; i < l.lane_count; i += 4, x += 4 * l.lane_read, y += 4 * l.lane_write) {
            const mve_pred16_t p = vctp32q((uint32_t)(l.lane_count - i));
            int32x4_t acc = vdupq_n_s32(folded);
            const int8_t *x_row = x;
            const int8_t *w_row = w;
            for (int32_t ky = 0; ky < g->k_h; ++ky, x_row += x_row_step, w_row += w_row_step) {
                for (int32_t kx = 0; kx < g->k_w; ++kx) {
                    const int32x4_t xs = vldrbq_gather_offset_z_s32(x_row + (size_t)kx * dil_x, read_lanes, p);
                    acc = vmlaq_n_s32(acc, xs, w_row[(size_t)kx * (size_t)g->channels]);
                }
            }
            vstrbq_scatter_offset_p_s32(y, write_lanes, tg_mve_finish(acc, mult, shft, g->output_offset, g->act_min, g->act_max), p);
        }
    }
}

/* The nine taps of a 3x3 window for four output pixels: rows x, x + row_step, x + 2 * row_step, the
 * columns as three offset vectors. Whole vectors need no predicate; the last, partial one does. */
static inline int32x4_t tg_taps_3x3(const int8_t *x, size_t row_step, uint32x4_t tap0, uint32x4_t tap1, uint32x4_t tap2,
                                    const int32_t *wt, int32_t folded)
{
    const int8_t *r1 = x + row_step;
    const int8_t *r2 = r1 + row_step;
    int32x4_t acc = vdupq_n_s32(folded);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(x, tap0), wt[0]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(x, tap1), wt[1]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(x, tap2), wt[2]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(r1, tap0), wt[3]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(r1, tap1), wt[4]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(r1, tap2), wt[5]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(r2, tap0), wt[6]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(r2, tap1), wt[7]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_s32(r2, tap2), wt[8]);
    return acc;
}

static inline int32x4_t tg_taps_3x3_part(const int8_t *x, size_t row_step, uint32x4_t tap0, uint32x4_t tap1, uint32x4_t tap2,
                                         const int32_t *wt, int32_t folded, mve_pred16_t p)
{
    const int8_t *r1 = x + row_step;
    const int8_t *r2 = r1 + row_step;
    int32x4_t acc = vdupq_n_s32(folded);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(x, tap0, p), wt[0]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(x, tap1, p), wt[1]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(x, tap2, p), wt[2]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(r1, tap0, p), wt[3]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(r1, tap1, p), wt[4]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(r1, tap2, p), wt[5]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(r2, tap0, p), wt[6]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(r2, tap1, p), wt[7]);
    acc = vmlaq_n_s32(acc, vldrbq_gather_offset_z_s32(r2, tap2, p), wt[8]);
    return acc;
}

/* tg_channel_outputs for the common 3x3 filter: the nine weights read once per channel, the three
 * columns of taps as three offset vectors from one row pointer. */
static void tg_channel_outputs_3x3(const tg_dw_geometry *g, const int8_t *channel, const int8_t *w, int32_t folded,
                                   int32_t multiplier, int32_t shift, int8_t *out)
{
    const tg_dw_lanes l = tg_lanes(g);
    const uint32x4_t tap0 = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)l.lane_read);
    const uint32x4_t tap1 = vaddq_n_u32(tap0, (uint32_t)g->dil_x);
    const uint32x4_t tap2 = vaddq_n_u32(tap1, (uint32_t)g->dil_x);
    const uint32x4_t write_lanes = vmulq_n_u32(vidupq_n_u32(0u, 1), (uint32_t)l.lane_write);
    const int32x4_t mult = vdupq_n_s32(multiplier);
    const int32x4_t shft = vdupq_n_s32(shift);
    const size_t row_step = (size_t)g->dil_y * (size_t)g->cols;
    int32_t wt[9];
    for (int32_t t = 0; t < 9; ++t) {
        wt[t] = w[(size_t)t * (size_t)g->channels];
    }
    const int32_t whole = l.lane_count & ~3;
    for (int32_t o = 0; o < l.outer_count; ++o) {
        const int8_t *x = channel + (size_t)o * l.outer_read;
        int8_t *y = out + (size_t)o * l.outer_write;
        for (int32_t i = 0; i < whole; i += 4, x += 4 * l.lane_read, y += 4 * l.lane_write) {
            const int32x4_t acc = tg_taps_3x3(x, row_step, tap0, tap1, tap2, wt, folded);
            vstrbq_scatter_offset_s32(y, write_lanes, tg_mve_finish(acc, mult, shft, g->output_offset, g->act_min, g->act_max));
        }
        if (whole < l.lane_count) {
            const mve_pred16_t p = vctp32q((uint32_t)(l.lane_count - whole));
            const int32x4_t acc = tg_taps_3x3_part(x, row_step, tap0, tap1, tap2, wt, folded, p);
            vstrbq_scatter_offset_p_s32(y, write_lanes, tg_mve_finish(acc, mult, shft, g->output_offset, g->act_min, g->act_max), p);
        }
    }
}

#else /* !TG_MVE */

#include "tg_math.h"

/* Without MVE (other cores, the host's sanitizer builds): the same steps in plain C. */
static void tg_gather_channel(const tg_dw_geometry *g, const tg_dw_inside *in, const int8_t *in_batch, int32_t c, int8_t *channel)
{
    for (int32_t y = 0; y < in->height; ++y) {
        for (int32_t x = 0; x < in->width; ++x) {
            channel[(size_t)(in->top + y) * (size_t)g->cols + (size_t)(in->left + x)] =
                in_batch[((size_t)y * (size_t)g->in_w + (size_t)x) * (size_t)g->channels + (size_t)c];
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

    /* The padding is the same for every channel: written once, then each channel only fills the
     * part of the scratch that holds input. */
    memset(channel, pad_value, (size_t)g.rows * (size_t)g.cols);
    const tg_dw_inside inside = tg_inside(&g);

    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = data + (size_t)b * in_batch_bytes;
        int8_t *out_batch = data + (size_t)b * out_batch_bytes;
        for (int32_t c = 0; c < g.channels; ++c) {
            /* Every output byte of channel c lands on an input byte of channel c, gathered just now. */
            tg_gather_channel(&g, &inside, in_batch, c, channel);
            const int8_t *w = filter_data + c;
            /* sum((x + offset) * w) = sum(x * w) + offset * sum(w) in the accumulator's wrapping
             * arithmetic; padding holds the zero point, so the fold is exact at the borders too. */
            int32_t weight_sum = 0;
            for (int32_t t = 0; t < g.k_h * g.k_w; ++t) {
                weight_sum += w[(size_t)t * (size_t)g.channels];
            }
            const uint32_t bias = bias_data != NULL ? (uint32_t)bias_data[c] : 0u;
            const int32_t folded = (int32_t)(bias + (uint32_t)input_offset * (uint32_t)weight_sum);
#if TG_MVE
            if (g.k_h == 3 && g.k_w == 3) {
                tg_channel_outputs_3x3(&g, channel, w, folded, quant_params->multiplier[c], quant_params->shift[c], out_batch + c);
                continue;
            }
#endif
            tg_channel_outputs(&g, channel, w, folded, quant_params->multiplier[c], quant_params->shift[c], out_batch + c);
        }
    }
    return TG_OK;
}
