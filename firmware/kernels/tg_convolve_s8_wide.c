/* Convolution as an im2col column widened to int16 times int16 weights, one output pixel at a time.
 * Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_im2col_s8.h"
#include "tg_gemm_s16.h"

#include <stddef.h>

/* A filter row of KW * Cin values padded to whole words: the weights past KW * Cin are zero, so the
 * column's extra values (the next pixel's bytes, or the zero point at a border) add nothing. */
static int32_t tg_row_words_bytes(int32_t k_w, int32_t cin) { return (k_w * cin + 3) & ~3; }

int32_t tg_convolve_s8_wide_get_buffer_size(const tg_dims *filter_dims)
{
    if (filter_dims == NULL || filter_dims->h < 1 || filter_dims->w < 1 || filter_dims->c < 1) return 0;
    return tg_widened_bytes(filter_dims->h * tg_row_words_bytes(filter_dims->w, filter_dims->c));
}

/*
 * The window straight into the column, one filter row of row_pad bytes (KW * Cin rounded up to a word)
 * after another: row ky is groups [ky * row_pad / 4, ...). A row whose row_pad bytes lie inside its
 * input row is widened from the input directly; any other row is first assembled as bytes in the
 * back half of its own slot (2 * row_pad bytes) and widened front to back over itself: group g writes
 * bytes [8g, 8g + 8) after reading [n + 4g, n + 4g + 4), and no later group reads below n + 4g + 4.
 */
static void tg_im2col_rows_widened(const int8_t *in_batch, int32_t in_h, int32_t in_w, int32_t cin,
                                   int32_t in_y0, int32_t in_x0, int32_t k_h, int32_t k_w, int32_t dil_y, int32_t dil_x,
                                   int8_t zero_point, uint32_t zero_pair, uint32_t *dst)
{
    const int32_t row_bytes = k_w * cin;
    const int32_t row_pad = tg_row_words_bytes(k_w, cin);
    const int32_t row_words = row_pad >> 1;
    const int whole_rows = dil_x == 1 && in_x0 >= 0 && in_x0 * cin + row_pad <= in_w * cin;
    for (int32_t ky = 0; ky < k_h; ++ky, dst += row_words) {
        const int32_t in_y = in_y0 + ky * dil_y;
        if (in_y < 0 || in_y >= in_h) {
            for (int32_t i = 0; i < row_words; ++i) dst[i] = zero_pair;
            continue;
        }
        const int8_t *row = in_batch + (size_t)in_y * (size_t)in_w * (size_t)cin;
        if (whole_rows) {
            tg_widen_s8(row + (size_t)in_x0 * (size_t)cin, row_pad, dst);
            continue;
        }
        int8_t *bytes = (int8_t *)dst + row_pad;
        for (int32_t kx = 0; kx < k_w; ++kx) {
            const int32_t in_x = in_x0 + kx * dil_x;
            if (in_x < 0 || in_x >= in_w) {
                tg_fill_bytes(bytes + kx * cin, zero_point, cin);
            } else {
                tg_copy_bytes(bytes + kx * cin, row + (size_t)in_x * (size_t)cin, cin);
            }
        }
        tg_fill_bytes(bytes + row_bytes, zero_point, row_pad - row_bytes);
        tg_widen_s8(bytes, row_pad, dst);
    }
}

tg_status tg_convolve_s8_wide(const tg_context *ctx,
                              const tg_conv_params *conv_params,
                              const tg_requant *requant,
                              const tg_dims *input_dims, const int8_t *input_data,
                              const tg_dims *filter_dims, const uint32_t *filter_data,
                              const int32_t *folded_bias,
                              const tg_dims *output_dims, int8_t *output_data)
{
    if (!tg_gemm_conv_pointers_ok(ctx, conv_params, requant != NULL, input_dims, input_data, filter_dims, filter_data, folded_bias,
                                  output_dims, output_data)) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, cin = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, cout = output_dims->c;
    const int32_t k_h = filter_dims->h, k_w = filter_dims->w;
    const int32_t stride_x = conv_params->stride.w, stride_y = conv_params->stride.h;
    const int32_t pad_x = conv_params->padding.w, pad_y = conv_params->padding.h;
    const int32_t dil_x = conv_params->dilation.w, dil_y = conv_params->dilation.h;
    const int32_t input_offset = conv_params->input_offset;
    const int32_t output_offset = conv_params->output_offset;
    const int32_t act_min = conv_params->activation.min, act_max = conv_params->activation.max;
    if (batches < 1 || in_h < 1 || in_w < 1 || cin < 1 || out_h < 1 || out_w < 1 || cout < 1 || k_h < 1 || k_w < 1 ||
        filter_dims->n != cout || filter_dims->c != cin || output_dims->n != batches ||
        stride_x < 1 || stride_y < 1 || dil_x < 1 || dil_y < 1 ||
        ((uintptr_t)ctx->buf & 3u) != 0 || ctx->size < tg_convolve_s8_wide_get_buffer_size(filter_dims) ||
        !tg_input_offset_ok(input_offset) || !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t groups = (k_h * tg_row_words_bytes(k_w, cin)) >> 2;
    const int right_only = tg_requant_right_only(requant, cout);
    const uint32_t zero_pair = tg_offset_pair(-input_offset);
    uint32_t *const column = (uint32_t *)ctx->buf;
    int8_t *y = output_data;
    const int32_t row_pad = tg_row_words_bytes(k_w, cin);
    const size_t in_row_bytes = (size_t)in_w * (size_t)cin;
    /* The output columns whose windows read only whole rows inside the input: ox * stride_x - pad_x >= 0,
     * and the last row_pad bytes read stay in the input row. */
    const int32_t x_first = (pad_x + stride_x - 1) / stride_x;
    const int32_t x_reach = in_w * cin - row_pad + pad_x * cin; /* ox * stride_x * cin must not pass it */
    const int32_t x_last = x_reach < 0 ? -1 : x_reach / (stride_x * cin);
    const int32_t x_end = dil_x == 1 ? tg_min_i32(out_w, x_last + 1) : 0;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = input_data + (size_t)b * (size_t)in_h * in_row_bytes;
        for (int32_t oy = 0; oy < out_h; ++oy) {
            const int32_t in_y0 = oy * stride_y - pad_y;
            const int rows_inside = in_y0 >= 0 && in_y0 + (k_h - 1) * dil_y < in_h;
            for (int32_t ox = 0; ox < out_w; ++ox) {
                if (rows_inside && ox >= x_first && ox < x_end) {
                    /* Inside the input: each filter row's words widened straight from it. */
                    const int8_t *src = in_batch + (size_t)in_y0 * in_row_bytes + (size_t)(ox * stride_x - pad_x) * (size_t)cin;
                    uint32_t *dst = column;
                    for (int32_t ky = 0; ky < k_h; ++ky, src += (size_t)dil_y * in_row_bytes, dst += row_pad >> 1) {
                        tg_widen_s8(src, row_pad, dst);
                    }
                } else {
                    tg_im2col_rows_widened(in_batch, in_h, in_w, cin, in_y0, ox * stride_x - pad_x, k_h, k_w, dil_y, dil_x,
                                           (int8_t)(-input_offset), zero_pair, column);
                }
                tg_s16_columns(column, groups, filter_data, cout, folded_bias, requant, output_offset, act_min, act_max, right_only, y);
                y += cout;
            }
        }
    }
    return TG_OK;
}
