/* Depthwise convolution (channel multiplier 1) written over its own input. Contract: tg_nn.h. */
#include "tg_nn.h"
#include "tg_checks.h"
#include "tg_math.h"

#include <stddef.h>

/* Input rows (or columns) from -padding to the last one the last window touches. */
static int32_t padded_extent(int32_t output, int32_t stride, int32_t kernel, int32_t dilation)
{
    return (output - 1) * stride + (kernel - 1) * dilation + 1;
}

/*
 * Rows of the channel are copied into scratch only when a window first reaches them, into a ring of
 * as many padded rows as one window spans. That is safe when no row is written over before it is
 * copied: after output row oy is written, the channel's input pixels below (oy + 1) * out_w are gone,
 * and the next row still to be copied must lie above them. Every convolution whose output rows are no
 * wider than its input rows passes (same or valid padding, any stride); the rest copy the whole channel.
 */
static int ring_is_safe(int32_t in_h, int32_t in_w, int32_t out_h, int32_t out_w,
                        int32_t stride, int32_t pad, int32_t kernel, int32_t dilation)
{
    for (int32_t oy = 0; oy + 1 < out_h; ++oy) {
        const int32_t next_uncopied = oy * stride + (kernel - 1) * dilation + 1 - pad; /* in input rows */
        const int32_t next_window = (oy + 1) * stride - pad;
        const int32_t next_needed = next_uncopied > next_window ? next_uncopied : next_window;
        const int32_t last_overwritten = ((oy + 1) * out_w - 1) / in_w;
        if (next_needed < in_h && next_needed <= last_overwritten) {
            return 0;
        }
    }
    return 1;
}

static int32_t ring_rows(const tg_dw_conv_params *p, const tg_dims *input_dims, const tg_dims *filter_dims,
                         const tg_dims *output_dims)
{
    const int32_t window = (filter_dims->h - 1) * p->dilation.h + 1;
    const int32_t plane = padded_extent(output_dims->h, p->stride.h, filter_dims->h, p->dilation.h);
    return ring_is_safe(input_dims->h, input_dims->w, output_dims->h, output_dims->w, p->stride.h, p->padding.h,
                        filter_dims->h, p->dilation.h) && window < plane
               ? window
               : plane;
}

int32_t tg_depthwise_conv_inplace_s8_get_buffer_size(const tg_dw_conv_params *dw_conv_params, const tg_dims *input_dims,
                                                     const tg_dims *filter_dims, const tg_dims *output_dims)
{
    if (dw_conv_params == NULL || input_dims == NULL || filter_dims == NULL || output_dims == NULL ||
        input_dims->w < 1 || dw_conv_params->stride.h < 1 || dw_conv_params->dilation.h < 1) {
        return 0;
    }
    return ring_rows(dw_conv_params, input_dims, filter_dims, output_dims) *
           padded_extent(output_dims->w, dw_conv_params->stride.w, filter_dims->w, dw_conv_params->dilation.w);
}

tg_status tg_depthwise_conv_inplace_s8(const tg_context *ctx,
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
    const int32_t in_h = input_dims->h;
    const int32_t in_w = input_dims->w;
    const int32_t channels = input_dims->c;
    const int32_t k_h = filter_dims->h;
    const int32_t k_w = filter_dims->w;
    const int32_t out_h = output_dims->h;
    const int32_t out_w = output_dims->w;
    const int32_t stride_x = dw_conv_params->stride.w;
    const int32_t stride_y = dw_conv_params->stride.h;
    const int32_t pad_x = dw_conv_params->padding.w;
    const int32_t pad_y = dw_conv_params->padding.h;
    const int32_t dil_x = dw_conv_params->dilation.w;
    const int32_t dil_y = dw_conv_params->dilation.h;
    const int32_t input_offset = dw_conv_params->input_offset;
    const int32_t output_offset = dw_conv_params->output_offset;
    const int32_t act_min = dw_conv_params->activation.min;
    const int32_t act_max = dw_conv_params->activation.max;

    if (batches < 1 || in_h < 1 || in_w < 1 || channels < 1 || dw_conv_params->ch_mult != 1 || k_h < 1 || k_w < 1 ||
        out_h < 1 || out_w < 1 || output_dims->c != channels || filter_dims->c != channels || output_dims->n != batches ||
        stride_x < 1 || stride_y < 1 || dil_x < 1 || dil_y < 1 || pad_x < 0 || pad_y < 0 ||
        (int64_t)out_h * out_w > (int64_t)in_h * in_w ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t rows = ring_rows(dw_conv_params, input_dims, filter_dims, output_dims);
    const int32_t cols = padded_extent(out_w, stride_x, k_w, dil_x);
    if (ctx->size < rows * cols) {
        return TG_ARG_ERROR;
    }
    int8_t *const ring = (int8_t *)ctx->buf;
    /* The input zero point: padding that contributes nothing once input_offset is added. */
    const int8_t pad_value = (int8_t)(-input_offset);
    const size_t in_pixels = (size_t)in_h * (size_t)in_w;
    const size_t out_pixels = (size_t)out_h * (size_t)out_w;
    const int32_t window_rows = (k_h - 1) * dil_y + 1;
    /* A ring takes each window's new rows as it gets there; the whole plane (when a ring is unsafe) is filled at once. */
    const int32_t plane_rows = padded_extent(out_h, stride_y, k_h, dil_y);
    const int whole_plane = rows == plane_rows;

    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = data + (size_t)b * in_pixels * (size_t)channels;
        int8_t *out_batch = data + (size_t)b * out_pixels * (size_t)channels;
        for (int32_t c = 0; c < channels; ++c) {
            const int32_t multiplier = quant_params->multiplier[c];
            const int32_t shift = quant_params->shift[c];
            const uint32_t bias = bias_data != NULL ? (uint32_t)bias_data[c] : 0u;
            int32_t copied = -1; /* the last padded row in the ring */
            for (int32_t oy = 0; oy < out_h; ++oy) {
                /* Bring in the rows this window is the first to reach. */
                const int32_t top = oy * stride_y;
                const int32_t end = whole_plane ? plane_rows : top + window_rows;
                for (int32_t y = copied + 1 > top ? copied + 1 : top; y < end; ++y) {
                    const int32_t in_y = y - pad_y;
                    int8_t *slot = ring + (size_t)(y % rows) * (size_t)cols;
                    for (int32_t x = 0; x < cols; ++x) {
                        const int32_t in_x = x - pad_x;
                        const int inside = in_y >= 0 && in_y < in_h && in_x >= 0 && in_x < in_w;
                        slot[x] = inside ? in_batch[((size_t)in_y * (size_t)in_w + (size_t)in_x) * (size_t)channels + (size_t)c]
                                         : pad_value;
                    }
                    copied = y;
                }
                const int32_t top_slot = top % rows;
                for (int32_t ox = 0; ox < out_w; ++ox) {
                    uint32_t acc = bias;
                    int32_t slot = top_slot;
                    for (int32_t ky = 0; ky < k_h; ++ky, slot += dil_y) {
                        while (slot >= rows) {
                            slot -= rows;
                        }
                        const int8_t *row = ring + (size_t)slot * (size_t)cols + (size_t)(ox * stride_x);
                        const int8_t *weights = filter_data + (size_t)ky * (size_t)k_w * (size_t)channels + (size_t)c;
                        for (int32_t kx = 0; kx < k_w; ++kx) {
                            const int32_t x = (int32_t)row[(size_t)kx * (size_t)dil_x] + input_offset;
                            acc += (uint32_t)(x * (int32_t)weights[(size_t)kx * (size_t)channels]);
                        }
                    }
                    int32_t res = tg_requantize((int32_t)acc, multiplier, shift);
                    res = tg_clamp_i32(tg_wrap_add(res, output_offset), act_min, act_max);
                    out_batch[((size_t)oy * (size_t)out_w + (size_t)ox) * (size_t)channels + (size_t)c] = (int8_t)res;
                }
            }
        }
    }
    return TG_OK;
}
