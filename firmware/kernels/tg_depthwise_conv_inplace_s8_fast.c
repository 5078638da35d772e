/* Depthwise convolution (channel multiplier 1) over its own input through an int16 plane. Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_math.h"
#include "tg_simd.h"

#include <stddef.h>
#include <string.h>

/* Per-channel constants that stay in registers over the channel's whole output plane. */
typedef struct {
    int32_t bias;
    int32_t multiplier;
    int32_t shift;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
    int32_t right_minus_1; /* -shift - 1, for the right modes */
    int32_t round_hi;      /* 2^(right_minus_1 - 1) + output_offset * 2^right_minus_1, for the right modes */
} channel_quant;

static inline int8_t finish_output(int32_t acc, const channel_quant *q)
{
    const int32_t res = tg_wrap_add(tg_requantize(acc, q->multiplier, q->shift), q->output_offset);
    return (int8_t)tg_clamp_i32(res, q->act_min, q->act_max);
}

/* How the 3x3 rows finish an output, fixed per channel so that each gets its own straight-line loop. */
enum finish_mode {
    FINISH_ANY,         /* finish_output: any shift, any activation range */
    FINISH_RIGHT,       /* right shift of 2..24 (right_minus_1 in [1, 23]) */
    FINISH_RIGHT_FULL,  /* the same, and the activation range is all of int8: one SSAT */
};

/* The right modes' shifts: with right_minus_1 >= 1 the rounding constant's low word is the same for
 * every channel, and up to 23 the output offset fits into its high word (below). */
static int takes_right_mode(int32_t right_minus_1) { return right_minus_1 >= 1 && right_minus_1 <= 23; }

/*
 * finish_output with the mode's facts used. tg_requantize's right branch (see tg_math.h for why it
 * is exact) adds t * 2^31 + 2^30 with t = 2^r - [acc < 0], and here r = right_minus_1 >= 1, so t's
 * low bit is acc's sign: the constant's low word is 2^30 plus the sign bit, its high word 2^(r - 1)
 * less one for a negative acc. The output offset times 2^r joins the high word once per channel
 * (round_hi): the shifted sum then is the result plus the offset exactly, since |result| < 2^30 and
 * r <= 23 keep the high word within int32. For the full int8 range one SSAT clamps.
 */
static inline __attribute__((always_inline)) int8_t finish_mode_output(int32_t acc, const channel_quant *q, const enum finish_mode mode)
{
    if (mode == FINISH_ANY) {
        return finish_output(acc, q);
    }
    const uint32_t lo = ((uint32_t)acc & 0x80000000u) | 0x40000000u;
    const uint32_t hi = (uint32_t)q->round_hi + (uint32_t)(acc >> 31);
    const int64_t sum = (int64_t)(((uint64_t)hi << 32) | lo) + (int64_t)acc * q->multiplier;
    const int32_t res = (int32_t)(sum >> 32) >> q->right_minus_1;
    return (int8_t)(mode == FINISH_RIGHT_FULL ? tg_ssat8(res) : tg_clamp_i32(res, q->act_min, q->act_max));
}

static int32_t padded_extent(int32_t output, int32_t stride, int32_t kernel, int32_t dilation)
{
    return (output - 1) * stride + (kernel - 1) * dilation + 1;
}

/* Plane row length in int16: even, so that every row starts on a word and column pairs are words.
 * The extra column (when the extent is odd) is padding that the last pair of a row may read. */
static int32_t plane_pitch(int32_t cols) { return (cols + 1) & ~1; }

/* The plane is written as int16 and read as words: may_alias says so to the compiler. */
typedef uint32_t __attribute__((may_alias)) plane_word;

/* Two int16 plane values starting at an even column, as one word (lane 0 = the lower column). */
static inline uint32_t read_pair(const int16_t *p) { return *(const plane_word *)(const void *)p; }

/* Four int16 plane values starting at an even column, as two words. */
static inline void read_two_pairs(const int16_t *p, uint32_t *first, uint32_t *second)
{
    *first = read_pair(p);
    *second = read_pair(p + 2);
}

static inline uint32_t make_pair(int32_t lo, int32_t hi) { return ((uint32_t)lo & 0xffffu) | ((uint32_t)hi << 16); }

/*
 * Channel c of the input, plus input_offset, into the plane's interior: input (y, x) lands at
 * plane[(y + pad_y) * row_step + (x + pad_x) * col_step], so (pitch, 1) copies and (1, pitch)
 * transposes. The border was zeroed once per call and is never written, so padding taps contribute
 * 0 with no border code in the loops. Only the rows and columns the windows reach (rows x cols of
 * the input's orientation) are copied: a stride may leave the last ones unread.
 */
static inline __attribute__((always_inline)) void gather_channel(int16_t *plane, int32_t rows, int32_t cols, int32_t row_step,
                                                                   int32_t col_step, const int8_t *input, int32_t in_h, int32_t in_w,
                                                                   int32_t channels, int32_t pad_y, int32_t pad_x, int32_t input_offset)
{
    const int32_t copied_rows = tg_min_i32(in_h, rows - pad_y);
    const int32_t copied_cols = tg_min_i32(in_w, cols - pad_x);
    const size_t step = (size_t)channels, dst_step = (size_t)col_step;
    for (int32_t y = 0; y < copied_rows; ++y) {
        int16_t *dst = plane + (size_t)(y + pad_y) * (size_t)row_step + (size_t)pad_x * dst_step;
        const int8_t *src = input + (size_t)y * (size_t)in_w * step;
        int32_t x = 0;
        for (; x + 4 <= copied_cols; x += 4, src += 4 * step, dst += 4 * dst_step) {
            dst[0] = (int16_t)(src[0] + input_offset);
            dst[dst_step] = (int16_t)(src[step] + input_offset);
            dst[2 * dst_step] = (int16_t)(src[2 * step] + input_offset);
            dst[3 * dst_step] = (int16_t)(src[3 * step] + input_offset);
        }
        for (; x < copied_cols; ++x, src += step, dst += dst_step) {
            *dst = (int16_t)(*src + input_offset);
        }
    }
}

/* The gather with its column step a constant either way round, so that its stores take immediate offsets. */
static __attribute__((noinline)) void gather_rows(int16_t *plane, int32_t rows, int32_t cols, int32_t pitch, const int8_t *input,
                                                  int32_t in_h, int32_t in_w, int32_t channels, int32_t pad_y, int32_t pad_x,
                                                  int32_t input_offset)
{
    gather_channel(plane, rows, cols, pitch, 1, input, in_h, in_w, channels, pad_y, pad_x, input_offset);
}

static __attribute__((noinline)) void gather_columns(int16_t *plane, int32_t rows, int32_t cols, int32_t pitch, const int8_t *input,
                                                     int32_t in_h, int32_t in_w, int32_t channels, int32_t pad_y, int32_t pad_x,
                                                     int32_t input_offset)
{
    gather_channel(plane, rows, cols, 1, pitch, input, in_h, in_w, channels, pad_y, pad_x, input_offset);
}

/*
 * 3x3, stride 1: outer plane rows of count outputs, two per step. Filter row ky as W01 = (w0, w1)
 * and W12 = (w1, w2) (w[2 ky], w[2 ky + 1]); the window row of the even output column as
 * A = (p0, p1), B = (p2, p3):
 * out0 += p0 w0 + p1 w1 (SMLAD A, W01) + p2 w2 (SMLABT B, W12),
 * out1 += p1 w0 (SMLATB A, W01) + p2 w1 + p3 w2 (SMLAD B, W12). An odd last output reads p3 from
 * the pitch's padding column (or the next pair's) and drops out1.
 */
static inline __attribute__((always_inline)) void plane_3x3_s1(const int16_t *plane, int32_t pitch, const uint32_t *w,
                                                                  int32_t outer, int32_t count, const channel_quant *q,
                                                                  int8_t *plane_out, size_t outer_step, size_t step,
                                                                  const enum finish_mode mode)
{
    /* A local copy: the byte stores below may alias *q, which would reload every field after each. */
    const channel_quant quant = *q;
    const int32_t bias = quant.bias;
    const uint32_t a01 = w[0], a12 = w[1], b01 = w[2], b12 = w[3], c01 = w[4], c12 = w[5];
    for (int32_t o = 0; o < outer; ++o) {
        const int16_t *x = plane + (size_t)o * (size_t)pitch;
        int8_t *out = plane_out + (size_t)o * outer_step;
        for (int32_t i = count >> 1; i > 0; --i, x += 2) {
            const int16_t *r1 = x + pitch, *r2 = r1 + pitch;
            int32_t acc0 = bias, acc1 = bias;
            uint32_t a, b;
            read_two_pairs(x, &a, &b);
            acc0 = tg_smlad(a, a01, acc0);
            acc1 = tg_smlatb(a, a01, acc1);
            acc0 = tg_smlabt(b, a12, acc0);
            acc1 = tg_smlad(b, a12, acc1);
            read_two_pairs(r1, &a, &b);
            acc0 = tg_smlad(a, b01, acc0);
            acc1 = tg_smlatb(a, b01, acc1);
            acc0 = tg_smlabt(b, b12, acc0);
            acc1 = tg_smlad(b, b12, acc1);
            read_two_pairs(r2, &a, &b);
            acc0 = tg_smlad(a, c01, acc0);
            acc1 = tg_smlatb(a, c01, acc1);
            acc0 = tg_smlabt(b, c12, acc0);
            acc1 = tg_smlad(b, c12, acc1);
            const int8_t out0 = finish_mode_output(acc0, &quant, mode);
            const int8_t out1 = finish_mode_output(acc1, &quant, mode);
            out[0] = out0;
            out[step] = out1;
            out += 2 * step;
        }
        if (count & 1) {
            const int16_t *r1 = x + pitch, *r2 = r1 + pitch;
            int32_t sum = bias;
            sum = tg_smlad(read_pair(x), a01, sum);
            sum = tg_smlabt(read_pair(x + 2), a12, sum);
            sum = tg_smlad(read_pair(r1), b01, sum);
            sum = tg_smlabt(read_pair(r1 + 2), b12, sum);
            sum = tg_smlad(read_pair(r2), c01, sum);
            sum = tg_smlabt(read_pair(r2 + 2), c12, sum);
            *out = finish_mode_output(sum, &quant, mode);
        }
    }
}

/*
 * 3x3, stride 2, two outputs per step: the even output's window row is (p0, p1), (p2, .), the odd
 * one's (p2, p3), (p4, .), so three words A = (p0, p1), B = (p2, p3), C = (p4, p5) serve both:
 * out0 += SMLAD(A, W01) + SMLABT(B, W12), out1 += SMLAD(B, W01) + SMLABT(C, W12).
 */
static inline __attribute__((always_inline)) void plane_3x3_s2(const int16_t *plane, int32_t pitch, const uint32_t *w,
                                                                  int32_t outer, int32_t count, const channel_quant *q,
                                                                  int8_t *plane_out, size_t outer_step, size_t step,
                                                                  const enum finish_mode mode)
{
    /* A local copy: the byte stores below may alias *q, which would reload every field after each. */
    const channel_quant quant = *q;
    const int32_t bias = quant.bias;
    const uint32_t a01 = w[0], a12 = w[1], b01 = w[2], b12 = w[3], c01 = w[4], c12 = w[5];
    for (int32_t o = 0; o < outer; ++o) {
        const int16_t *x = plane + (size_t)o * 2u * (size_t)pitch;
        int8_t *out = plane_out + (size_t)o * outer_step;
        for (int32_t i = count >> 1; i > 0; --i, x += 4) {
            const int16_t *r1 = x + pitch, *r2 = r1 + pitch;
            int32_t acc0 = bias, acc1 = bias;
            uint32_t a, b, c = read_pair(x + 4);
            read_two_pairs(x, &a, &b);
            acc0 = tg_smlad(a, a01, acc0);
            acc0 = tg_smlabt(b, a12, acc0);
            acc1 = tg_smlad(b, a01, acc1);
            acc1 = tg_smlabt(c, a12, acc1);
            read_two_pairs(r1, &a, &b);
            c = read_pair(r1 + 4);
            acc0 = tg_smlad(a, b01, acc0);
            acc0 = tg_smlabt(b, b12, acc0);
            acc1 = tg_smlad(b, b01, acc1);
            acc1 = tg_smlabt(c, b12, acc1);
            read_two_pairs(r2, &a, &b);
            c = read_pair(r2 + 4);
            acc0 = tg_smlad(a, c01, acc0);
            acc0 = tg_smlabt(b, c12, acc0);
            acc1 = tg_smlad(b, c01, acc1);
            acc1 = tg_smlabt(c, c12, acc1);
            const int8_t out0 = finish_mode_output(acc0, &quant, mode);
            const int8_t out1 = finish_mode_output(acc1, &quant, mode);
            out[0] = out0;
            out[step] = out1;
            out += 2 * step;
        }
        if (count & 1) {
            const int16_t *r1 = x + pitch, *r2 = r1 + pitch;
            int32_t sum = bias;
            sum = tg_smlad(read_pair(x), a01, sum);
            sum = tg_smlabt(read_pair(x + 2), a12, sum);
            sum = tg_smlad(read_pair(r1), b01, sum);
            sum = tg_smlabt(read_pair(r1 + 2), b12, sum);
            sum = tg_smlad(read_pair(r2), c01, sum);
            sum = tg_smlabt(read_pair(r2 + 2), c12, sum);
            *out = finish_mode_output(sum, &quant, mode);
        }
    }
}

/*
 * One channel's output plane through the 3x3 paths.
 * The plane's rows are output rows (outer_step = out_w * channels, inner_step = channels) or, for a
 * transposed plane, output columns (the steps swapped).
 */
static __attribute__((noinline)) void channel_3x3(const int16_t *plane, int32_t pitch, int32_t stride, const uint32_t *w,
                                                  int32_t outer, int32_t inner, const channel_quant *q, int8_t *out,
                                                  size_t outer_step, size_t step)
{
    const enum finish_mode mode = !takes_right_mode(q->right_minus_1) ? FINISH_ANY
                                  : q->act_min == INT8_MIN && q->act_max == INT8_MAX ? FINISH_RIGHT_FULL
                                  : FINISH_RIGHT;
    /* Constant stride and finish mode: six straight-line variants, each over the whole plane so that
     * the weights and constants are set up once per channel. */
    if (stride == 1) {
        if (mode == FINISH_RIGHT_FULL) {
            plane_3x3_s1(plane, pitch, w, outer, inner, q, out, outer_step, step, FINISH_RIGHT_FULL);
        } else if (mode == FINISH_RIGHT) {
            plane_3x3_s1(plane, pitch, w, outer, inner, q, out, outer_step, step, FINISH_RIGHT);
        } else {
            plane_3x3_s1(plane, pitch, w, outer, inner, q, out, outer_step, step, FINISH_ANY);
        }
    } else if (mode == FINISH_RIGHT_FULL) {
        plane_3x3_s2(plane, pitch, w, outer, inner, q, out, outer_step, step, FINISH_RIGHT_FULL);
    } else if (mode == FINISH_RIGHT) {
        plane_3x3_s2(plane, pitch, w, outer, inner, q, out, outer_step, step, FINISH_RIGHT);
    } else {
        plane_3x3_s2(plane, pitch, w, outer, inner, q, out, outer_step, step, FINISH_ANY);
    }
}

/* Any kernel size, stride and dilation, one tap at a time on the same plane. */
static __attribute__((noinline)) void channel_generic(const int16_t *plane, int32_t pitch, const int8_t *filter, int32_t channels,
                            int32_t k_h, int32_t k_w, int32_t stride_y, int32_t stride_x, int32_t dil_y, int32_t dil_x,
                            int32_t out_h, int32_t out_w, const channel_quant *q, int8_t *out)
{
    const size_t step = (size_t)channels;
    for (int32_t oy = 0; oy < out_h; ++oy) {
        for (int32_t ox = 0; ox < out_w; ++ox, out += step) {
            const int16_t *x = plane + (size_t)oy * (size_t)stride_y * (size_t)pitch + (size_t)ox * (size_t)stride_x;
            int32_t acc = q->bias;
            for (int32_t ky = 0; ky < k_h; ++ky) {
                const int16_t *row = x + (size_t)ky * (size_t)dil_y * (size_t)pitch;
                const int8_t *weights = filter + (size_t)ky * (size_t)k_w * step;
                for (int32_t kx = 0; kx < k_w; ++kx) {
                    acc = tg_mac(acc, row[(size_t)kx * (size_t)dil_x], weights[(size_t)kx * step]);
                }
            }
            *out = finish_output(acc, q);
        }
    }
}

int32_t tg_depthwise_conv_inplace_s8_fast_get_buffer_size(const tg_dw_conv_params *dw_conv_params,
                                                          const tg_dims *filter_dims, const tg_dims *output_dims)
{
    if (dw_conv_params == NULL || filter_dims == NULL || output_dims == NULL) {
        return 0;
    }
    const int32_t rows = padded_extent(output_dims->h, dw_conv_params->stride.h, filter_dims->h, dw_conv_params->dilation.h);
    const int32_t cols = padded_extent(output_dims->w, dw_conv_params->stride.w, filter_dims->w, dw_conv_params->dilation.w);
    /* Room for the plane either way round (the kernel transposes tall 3x3 planes). */
    return tg_max_i32(rows * plane_pitch(cols), cols * plane_pitch(rows)) * (int32_t)sizeof(int16_t);
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
        quant_params->multiplier == NULL || quant_params->shift == NULL || ((uintptr_t)ctx->buf & 3u) != 0) {
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
    const int three_by_three = k_h == 3 && k_w == 3 && dil_x == 1 && dil_y == 1 && stride_x == stride_y &&
                               (stride_x == 1 || stride_x == 2);
    /* Rows of the plane are what the unrolled loops run along: a tall output plane (KWS: 25 x 5) is
     * transposed so that they run along its long side and the per-row work is paid fewer times. */
    const int transposed = three_by_three && out_h > out_w;
    const int32_t pitch = plane_pitch(transposed ? rows : cols);
    const int32_t plane_rows = transposed ? cols : rows;
    if (ctx->size < tg_depthwise_conv_inplace_s8_fast_get_buffer_size(dw_conv_params, filter_dims, output_dims)) {
        return TG_ARG_ERROR;
    }
    int16_t *const plane = (int16_t *)ctx->buf;
    /* The border is the same for every channel: zero it once, gather_channel rewrites only the interior. */
    memset(plane, 0, (size_t)plane_rows * (size_t)pitch * sizeof(int16_t));
    const size_t in_pixels = (size_t)in_h * (size_t)in_w;
    const size_t out_pixels = (size_t)out_h * (size_t)out_w;

    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *in_batch = data + (size_t)b * in_pixels * (size_t)channels;
        int8_t *out_batch = data + (size_t)b * out_pixels * (size_t)channels;
        for (int32_t c = 0; c < channels; ++c) {
            /* Output pixel p of channel c lands on input byte p * channels + c: channel c, already in the plane. */
            if (transposed) {
                gather_columns(plane, rows, cols, pitch, in_batch + c, in_h, in_w, channels, pad_y, pad_x, input_offset);
            } else {
                gather_rows(plane, rows, cols, pitch, in_batch + c, in_h, in_w, channels, pad_y, pad_x, input_offset);
            }
            const int32_t shift = quant_params->shift[c];
            const int32_t right_minus_1 = -shift - 1;
            const int32_t round_hi = takes_right_mode(right_minus_1)
                                         ? (int32_t)((1u << (right_minus_1 - 1)) + ((uint32_t)output_offset << right_minus_1))
                                         : 0;
            const channel_quant q = {bias_data != NULL ? bias_data[c] : 0, quant_params->multiplier[c], shift,
                                     output_offset, act_min, act_max, right_minus_1, round_hi};
            const int8_t *filter = filter_data + c;
            int8_t *out = out_batch + c;
            if (three_by_three) {
                /* Per plane row r (a filter row, or column when transposed) with taps t0, t1, t2 along
                 * it: (t0, t1) then (t1, t2). */
                const size_t along = transposed ? 3u * (size_t)channels : (size_t)channels;
                const size_t across = transposed ? (size_t)channels : 3u * (size_t)channels;
                uint32_t pairs[6];
                for (int32_t r = 0; r < 3; ++r) {
                    const int8_t *t = filter + (size_t)r * across;
                    pairs[2 * r] = make_pair(t[0], t[along]);
                    pairs[2 * r + 1] = make_pair(t[along], t[2 * along]);
                }
                const size_t pixel = (size_t)channels, row = (size_t)out_w * (size_t)channels;
                if (transposed) {
                    channel_3x3(plane, pitch, stride_x, pairs, out_w, out_h, &q, out, pixel, row);
                } else {
                    channel_3x3(plane, pitch, stride_x, pairs, out_h, out_w, &q, out, row, pixel);
                }
            } else {
                channel_generic(plane, pitch, filter, channels, k_h, k_w, stride_y, stride_x, dil_y, dil_x, out_h, out_w, &q, out);
            }
        }
    }
    return TG_OK;
}
