/*
 * TinyGen int8 kernels: the whole contract in one header.
 *
 * The functions mirror CMSIS-NN's s8 API (same structs in the same order, same
 * integer semantics, same "double rounding" requantization), so generated code
 * can call either this library or the real CMSIS-NN by swapping the prefix.
 *
 * Conventions shared by every kernel:
 *  - Activations are int8, NHWC ([N, H, W, C]), asymmetric: real = scale * (q - zp).
 *  - input_offset is -input_zero_point (range [-127, 128]); output_offset is
 *    +output_zero_point (range [-128, 127]).
 *  - Requantization: out = tg_requantize(acc, multiplier, shift) + output_offset,
 *    then clamped to [activation.min, activation.max]. shift > 0 is a left shift.
 *  - Padding: taps outside the input contribute nothing (as if the input were
 *    padded with its zero point). Only top/left padding is passed; bottom/right
 *    follow from the output size.
 *  - Scratch memory is owned by the caller (ctx->buf of ctx->size bytes); every
 *    kernel that needs scratch has a *_get_buffer_size() partner.
 *  - Return TG_OK, or TG_ARG_ERROR when the arguments are outside the contract
 *    (checked: dimensions >= 1 and consistent, strides/dilations >= 1, offsets
 *    in the ranges above, activation.min <= activation.max within [-128, 127]).
 *  - ctx may be NULL for kernels whose *_get_buffer_size() returns 0 (all of
 *    this portable implementation except the in-place convolutions).
 *  - In place: the elementwise kernels (add, mul, clamp, requantize, the
 *    uint8/int8 conversions) and tg_quantize_f32_s8 write element i only
 *    after reading what element i needs, so output may equal an input of the
 *    same size (for the quantizer: the float input's own bytes).
 *  - int32 accumulators wrap modulo 2^32 instead of overflowing (defined
 *    behaviour; TFLite's are undefined there). The shared arithmetic is in
 *    tg_math.h.
 */
#ifndef TG_NN_H
#define TG_NN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { TG_OK = 0, TG_ARG_ERROR = -1 } tg_status;

typedef struct { void *buf; int32_t size; } tg_context;
typedef struct { int32_t w; int32_t h; } tg_tile;
typedef struct { int32_t min; int32_t max; } tg_activation;
typedef struct { int32_t n; int32_t h; int32_t w; int32_t c; } tg_dims;

/* Per output channel: multiplier[c] and shift[c] as TFLite computes them. */
typedef struct { const int32_t *multiplier; const int32_t *shift; } tg_per_channel_quant_params;

/* One output channel's requantization, with what depends only on its multiplier and shift worked out
 * by the generator (the fast kernels of tg_nn_fast.h take a table of these). For a right shift
 * r = -shift >= 1, right_minus_1 is r - 1 and round_hi:round_lo the 64-bit constant
 * (2^r + 1) * 2^30 + f * 2^(31 + r), so that the shifted high word is the requantized value plus f,
 * an output offset the generator may fold in (for r <= 24, where it cannot wrap; the kernel call's
 * output_offset is then 0). A shift >= 0 is marked by right_minus_1 < 0, with the shift itself in
 * round_hi (tg_requantize). */
typedef struct {
    int32_t multiplier;
    uint32_t round_lo;
    int32_t round_hi;
    int32_t right_minus_1;
} tg_requant;
typedef struct { int32_t multiplier; int32_t shift; } tg_per_tensor_quant_params;

typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    tg_tile stride;
    tg_tile padding;
    tg_tile dilation;
    tg_activation activation;
} tg_conv_params;

typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t ch_mult;          /* output channels per input channel */
    tg_tile stride;
    tg_tile padding;
    tg_tile dilation;
    tg_activation activation;
} tg_dw_conv_params;

typedef struct {
    int32_t input_offset;
    int32_t filter_offset;    /* -weight_zero_point; 0 for symmetric weights */
    int32_t output_offset;
    tg_activation activation;
} tg_fc_params;

typedef struct {
    tg_tile stride;
    tg_tile padding;
    tg_activation activation;
} tg_pool_params;

/* ---- Convolution ---------------------------------------------------------
 * input  [N, H_in, W_in, C_in], filter [C_out, KH, KW, C_in] (OHWI),
 * bias [C_out] int32 or NULL, output [N, H_out, W_out, C_out].
 * filter_dims = {C_out, KH, KW, C_in}; output_dims = {N, H_out, W_out, C_out}.
 */
tg_status tg_convolve_s8(const tg_context *ctx,
                         const tg_conv_params *conv_params,
                         const tg_per_channel_quant_params *quant_params,
                         const tg_dims *input_dims, const int8_t *input_data,
                         const tg_dims *filter_dims, const int8_t *filter_data,
                         const tg_dims *bias_dims, const int32_t *bias_data,
                         const tg_dims *output_dims, int8_t *output_data);
int32_t tg_convolve_s8_get_buffer_size(const tg_dims *input_dims, const tg_dims *filter_dims);

/* ---- In-place 1x1 convolution (TinyGen's own) -----------------------------
 * tg_convolve_s8's arithmetic for a 1x1 filter without padding, where the
 * output may overwrite the input: output_data may equal input_data (or lie
 * below it) when C_out <= C_in (any stride); with C_out > C_in (stride 1,
 * same H and W) input_data must lie at least N * H * W * (C_out - C_in) bytes
 * above output_data. Each output pixel is computed into ctx->buf and then
 * copied into place, where it only covers input pixels already read.
 * ctx->size must be at least tg_convolve_1x1_inplace_s8_get_buffer_size()
 * (C_out bytes).
 */
tg_status tg_convolve_1x1_inplace_s8(const tg_context *ctx,
                                     const tg_conv_params *conv_params,
                                     const tg_per_channel_quant_params *quant_params,
                                     const tg_dims *input_dims, const int8_t *input_data,
                                     const tg_dims *filter_dims, const int8_t *filter_data,
                                     const tg_dims *bias_dims, const int32_t *bias_data,
                                     const tg_dims *output_dims, int8_t *output_data);
int32_t tg_convolve_1x1_inplace_s8_get_buffer_size(const tg_dims *output_dims);

/* ---- Depthwise convolution -----------------------------------------------
 * input [N, H_in, W_in, C_in], filter [1, KH, KW, C_out] with
 * C_out = C_in * ch_mult; output channel o reads input channel o / ch_mult.
 * filter_dims = {1, KH, KW, C_out}.
 */
tg_status tg_depthwise_conv_s8(const tg_context *ctx,
                               const tg_dw_conv_params *dw_conv_params,
                               const tg_per_channel_quant_params *quant_params,
                               const tg_dims *input_dims, const int8_t *input_data,
                               const tg_dims *filter_dims, const int8_t *filter_data,
                               const tg_dims *bias_dims, const int32_t *bias_data,
                               const tg_dims *output_dims, int8_t *output_data);
int32_t tg_depthwise_conv_s8_get_buffer_size(const tg_dims *input_dims, const tg_dims *filter_dims);

/* ---- In-place depthwise convolution (TinyGen's own) -----------------------
 * The same arithmetic as tg_depthwise_conv_s8 with ch_mult == 1, but the
 * output is written over the input: data holds the input [N, H_in, W_in, C]
 * on entry and the output [N, H_out, W_out, C] on return (its first
 * N * H_out * W_out * C bytes), which must not be larger than the input.
 * Channel c of a batch is copied, padded with the input zero point, into
 * ctx->buf before its outputs are written; an output byte of channel c only
 * ever lands on an input byte of channel c of the same or an earlier pixel,
 * so every stride, padding and dilation works. ctx->size must be at least
 * tg_depthwise_conv_inplace_s8_get_buffer_size(): the padded rows one window
 * spans (a ring the rows pass through as the windows move down) where no row
 * can be written over before its first window copies it, which holds whenever
 * the output rows are no wider than the input rows; else one padded channel.
 */
tg_status tg_depthwise_conv_inplace_s8(const tg_context *ctx,
                                       const tg_dw_conv_params *dw_conv_params,
                                       const tg_per_channel_quant_params *quant_params,
                                       const tg_dims *input_dims,
                                       const tg_dims *filter_dims, const int8_t *filter_data,
                                       const tg_dims *bias_dims, const int32_t *bias_data,
                                       const tg_dims *output_dims, int8_t *data);
int32_t tg_depthwise_conv_inplace_s8_get_buffer_size(const tg_dw_conv_params *dw_conv_params, const tg_dims *input_dims,
                                                     const tg_dims *filter_dims, const tg_dims *output_dims);

/* ---- Fully connected -------------------------------------------------------
 * input [N, K] (input_dims = {N, 1, 1, K}), filter [C_out, K] row-major
 * (filter_dims = {K, 1, 1, C_out}, as CMSIS-NN), bias [C_out] or NULL,
 * output [N, C_out] (output_dims = {N, 1, 1, C_out}).
 * Per-tensor: quant_params->multiplier/shift point at one value each and
 * per_channel == 0; per-channel: arrays of C_out and per_channel == 1.
 * input_dims->h * w * c must equal K (a flattened NHWC input is accepted).
 */
tg_status tg_fully_connected_s8(const tg_context *ctx,
                                const tg_fc_params *fc_params,
                                const tg_per_channel_quant_params *quant_params,
                                int32_t per_channel,
                                const tg_dims *input_dims, const int8_t *input_data,
                                const tg_dims *filter_dims, const int8_t *filter_data,
                                const tg_dims *bias_dims, const int32_t *bias_data,
                                const tg_dims *output_dims, int8_t *output_data);
int32_t tg_fully_connected_s8_get_buffer_size(const tg_dims *filter_dims);

/* ---- Elementwise -----------------------------------------------------------
 * Same argument order as CMSIS-NN's arm_elementwise_add_s8 / _mul_s8, with
 * one addition: input_2 may be broadcast. Element i of the output reads
 * input_1[i] and input_2[i % input_2_length] (input_2_length divides
 * block_size: equal shapes, a scalar, or a per-channel vector in NHWC).
 *
 * Add: a = requant((x1 + input_1_offset) << left_shift, input_1_mult, input_1_shift)
 *      b = requant((x2 + input_2_offset) << left_shift, input_2_mult, input_2_shift)
 *      out = requant(a + b, out_mult, out_shift) + out_offset, clamped.
 * left_shift must be in [0, 22] (TFLite uses 20).
 */
tg_status tg_elementwise_add_s8(const int8_t *input_1_vect, const int8_t *input_2_vect,
                                int32_t input_1_offset, int32_t input_1_mult, int32_t input_1_shift,
                                int32_t input_2_offset, int32_t input_2_mult, int32_t input_2_shift,
                                int32_t left_shift, int8_t *output,
                                int32_t out_offset, int32_t out_mult, int32_t out_shift,
                                int32_t out_activation_min, int32_t out_activation_max,
                                int32_t block_size, int32_t input_2_length);

/* Sub: as add, with out = requant(a - b, out_mult, out_shift) + out_offset (TFLite's int8
 * SUB; CMSIS-NN has no s8 subtraction, so the argument list is add's). Both input
 * multipliers stay positive: subtracting b after rounding is what TFLite computes,
 * negating input_2_mult would round ties the other way. */
tg_status tg_elementwise_sub_s8(const int8_t *input_1_vect, const int8_t *input_2_vect,
                                int32_t input_1_offset, int32_t input_1_mult, int32_t input_1_shift,
                                int32_t input_2_offset, int32_t input_2_mult, int32_t input_2_shift,
                                int32_t left_shift, int8_t *output,
                                int32_t out_offset, int32_t out_mult, int32_t out_shift,
                                int32_t out_activation_min, int32_t out_activation_max,
                                int32_t block_size, int32_t input_2_length);

/* Mul: out = requant((x1 + input_1_offset) * (x2 + input_2_offset), out_mult, out_shift)
 *          + out_offset, clamped. Broadcast of input_2 as for add. */
tg_status tg_elementwise_mul_s8(const int8_t *input_1_vect, const int8_t *input_2_vect,
                                int32_t input_1_offset, int32_t input_2_offset,
                                int8_t *output, int32_t out_offset, int32_t out_mult, int32_t out_shift,
                                int32_t out_activation_min, int32_t out_activation_max,
                                int32_t block_size, int32_t input_2_length);

/* ---- Pooling -----------------------------------------------------------------
 * filter_dims = {1, KH, KW, 1}. Windows count only real input elements.
 * Average: sum / count rounded half away from zero (as TFLite), then clamped;
 * a window holding no input element (padding >= kernel) is TG_ARG_ERROR, as
 * TFLite rejects it. Max: an empty window gives -128 before the clamp.
 * Input and output share scale and zero point.
 */
tg_status tg_avgpool_s8(const tg_context *ctx, const tg_pool_params *pool_params,
                        const tg_dims *input_dims, const int8_t *input_data,
                        const tg_dims *filter_dims, const tg_dims *output_dims, int8_t *output_data);
int32_t tg_avgpool_s8_get_buffer_size(int32_t output_x, int32_t ch_src);

tg_status tg_max_pool_s8(const tg_context *ctx, const tg_pool_params *pool_params,
                         const tg_dims *input_dims, const int8_t *input_data,
                         const tg_dims *filter_dims, const tg_dims *output_dims, int8_t *output_data);

/* ---- Softmax -------------------------------------------------------------------
 * TFLite's int8 softmax over the last dimension (num_rows rows of row_size).
 * mult/shift: the input beta multiplier and left shift (TFLite's
 * PreprocessSoftmaxScaling with 5 integer bits), diff_min: TFLite's
 * CalculateInputRadius cut-off (negative). Output scale 1/256, zero point -128.
 * The exact arithmetic (for twin implementations) is documented at the top of
 * tg_softmax_s8.c. One case is defined here where TFLite is not: a row whose
 * fixed-point exp sum reaches 2^28 (only rows of 512+ elements) would need a
 * rounding shift of 32 or more in TFLite (assert / undefined shift); here those
 * outputs are -128, the correctly rounded value.
 */
void tg_softmax_s8(const int8_t *input, int32_t num_rows, int32_t row_size,
                   int32_t mult, int32_t shift, int32_t diff_min, int8_t *output);

/* ---- Mean -----------------------------------------------------------------------------
 * TFLite's int8 MEAN over a run of adjacent axes. The input is viewed as
 * [outer, reduce, inner] and the output as [outer, inner] (NHWC mean over H and W:
 * outer = N, reduce = H * W, inner = C). Per output element:
 *   sum = sum over r of (x + input_offset)   (int32, wrapping)
 *   out = requant(sum, mult, shift) + output_offset, saturated to int8,
 * where mult/shift already include the division by reduce (TFLite folds
 * 1 / count into the multiplier with a truncating integer division; the generator
 * computes it). shift in [-31, 31]. */
tg_status tg_mean_s8(const int8_t *input, int32_t outer, int32_t reduce, int32_t inner,
                     int32_t input_offset, int32_t mult, int32_t shift, int32_t output_offset,
                     int8_t *output);

/* ---- Table lookup ------------------------------------------------------------------------
 * output[i] = table[input[i] + 128]. Every int8 -> int8 pointwise function (TFLite's
 * int8 LOGISTIC and HARD_SWISH, each with its own input and output quantization) has
 * only 256 possible inputs; the generator computes the table with the function's exact
 * integer arithmetic and keeps it in flash. In place (input == output) is allowed. */
void tg_lut_s8(const int8_t *input, int32_t size, const int8_t table[256], int8_t *output);

/* ---- Data movement and edges (TinyGen's own; CMSIS-NN has no equivalent) ---------- */

/* Constant padding, CMSIS-NN arm_pad_s8's argument order: the output
 * [n + pre.n + post.n, h + pre.h + post.h, ...] holds the input at offset pre_pad
 * and pad_value everywhere else. Any of the four axes may be padded; pads >= 0. */
tg_status tg_pad_s8(const int8_t *input, int8_t *output, int8_t pad_value,
                    const tg_dims *input_size, const tg_dims *pre_pad, const tg_dims *post_pad);

/* Copies outer x [inner] slices of one input into a wider output row: the output
 * has outer rows of output_inner bytes; this input lands at column offset. Used
 * once per input of a Concat along the innermost (channel) axis. */
void tg_concat_s8(const int8_t *input, int32_t outer, int32_t inner,
                  int8_t *output, int32_t output_inner, int32_t offset);

/* General 4-D transpose of int8 data: output[i0][i1][i2][i3] =
 * input[perm-th axes], input_dims as {d0, d1, d2, d3}, perm a permutation of 0..3. */
void tg_transpose_s8(const int8_t *input, const tg_dims *input_dims, const int32_t perm[4], int8_t *output);

/* Windows of an int8 NHWC image (patch-based inference). tg_window_copy_s8 copies
 * rows x cols pixels (channels bytes each) starting at (row, col) of an image
 * src_cols pixels wide into dst, densely; tg_window_paste_s8 writes a dense
 * rows x cols window back into an image dst_cols pixels wide at (row, col). */
void tg_window_copy_s8(const int8_t *src, int32_t src_cols, int32_t channels,
                       int32_t row, int32_t col, int32_t rows, int32_t cols, int8_t *dst);
void tg_window_paste_s8(const int8_t *src, int32_t rows, int32_t cols, int32_t channels,
                        int8_t *dst, int32_t dst_cols, int32_t row, int32_t col);

/* Re-expresses int8 values in another scale and zero point:
 * out = requant(x + input_offset, mult, shift) + output_offset, clamped to int8.
 * With input_offset 0, mult 1<<30, shift 1 it is a copy; uint8 edges use
 * tg_convert_u8_s8 / tg_convert_s8_u8 instead (an exact XOR with 0x80). */
void tg_requantize_s8(const int8_t *input, int32_t size, int32_t input_offset,
                      int32_t mult, int32_t shift, int32_t output_offset, int8_t *output);
void tg_convert_u8_s8(const uint8_t *input, int32_t size, int8_t *output);
void tg_convert_s8_u8(const int8_t *input, int32_t size, uint8_t *output);

/* Float edges (ONNX QuantizeLinear / DequantizeLinear at the model's inputs and
 * outputs). Quantize computes x / scale in float, rounds half to even (ONNX;
 * no libm, independent of the FPU rounding mode), adds zero_point, then
 * saturates; NaN gives zero_point. Dequantize computes
 * scale * (float)(q - zero_point) in float. */
void tg_quantize_f32_s8(const float *input, int32_t size, float scale, int32_t zero_point, int8_t *output);
/* The same with TFLite's rounding (QUANTIZE uses std::round: half away from zero). */
void tg_quantize_f32_s8_half_away(const float *input, int32_t size, float scale, int32_t zero_point, int8_t *output);
void tg_dequantize_s8_f32(const int8_t *input, int32_t size, float scale, int32_t zero_point, float *output);

/* Standalone clamp for an activation that could not be fused into its producer. */
void tg_clamp_s8(const int8_t *input, int32_t size, int32_t act_min, int32_t act_max, int8_t *output);

#ifdef __cplusplus
}
#endif

#endif /* TG_NN_H */
