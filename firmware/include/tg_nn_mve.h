/*
 * TinyGen's int8 kernels for cores with the M-profile Vector Extension (MVE, "Helium"; Cortex-M55
 * and M85): the contract of the variants the generator picks there. They compute exactly what the
 * portable kernels in tg_nn.h compute (same arithmetic, same rounding, same results). TG_MVE is 1
 * when built for a core with integer MVE (e.g. -mcpu=cortex-m55); elsewhere (TG_MVE 0: other cores,
 * host builds under the sanitizers) the same contracts are implemented in plain C, so a project
 * generated for an MVE core still builds and runs, slowly, anywhere.
 *
 * The GEMM kernels (1x1 convolution, im2col convolution, fully connected) take two arguments the
 * generator prepares at compile time:
 *
 *  - Folded bias: folded_bias[oc] = bias[oc] + input_offset * sum over the filter row of w, as in
 *    tg_nn_fast.h (exact for 1x1 convolutions without padding, fully connected layers, and the
 *    im2col convolution, whose columns hold the input's zero point at padding taps).
 *  - MVE GEMM order: the filter viewed as Cout rows of K values (K = KH*KW*Cin in OHWI order) is
 *    stored as floor(Cout/4) groups of four rows, then the Cout % 4 last rows plainly, one after
 *    the other. Within a group, for each whole 16 values of K: the four rows' 16 values in turn
 *    (64 bytes); then the four rows' K % 16 last values in turn. The microkernel thus reads the
 *    group with one pointer, 16 bytes per VMLADAVA.
 *
 * Other conventions (NHWC, offsets, clamp, wrap-around accumulation, TG_ARG_ERROR) are tg_nn.h's.
 */
#ifndef TG_NN_MVE_H
#define TG_NN_MVE_H

#include "tg_nn.h"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#define TG_MVE 1
#else
#define TG_MVE 0
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Pointwise convolution -------------------------------------------------------------------
 * A 1x1 convolution with zero padding and any stride: output pixel (oy, ox) reads input pixel
 * (oy * stride.h, ox * stride.w). filter_dims = {Cout, 1, 1, Cin}, filter in MVE GEMM order with
 * K = Cin; folded_bias required; conv_params->input_offset is not read. No scratch.
 */
tg_status tg_convolve_1x1_s8_mve(const tg_conv_params *conv_params,
                                 const tg_per_channel_quant_params *quant_params,
                                 const tg_dims *input_dims, const int8_t *input_data,
                                 const tg_dims *filter_dims, const int8_t *filter_data,
                                 const int32_t *folded_bias,
                                 const tg_dims *output_dims, int8_t *output_data);

/* ---- Pointwise convolution in place ------------------------------------------------------------
 * tg_convolve_1x1_s8_mve writing over its input, under tg_convolve_1x1_inplace_s8's memory rules
 * (tg_nn.h): output_data may equal input_data (or lie below it) when Cout <= Cin; with Cout > Cin
 * (stride 1, same H and W) input_data must lie at least N * H * W * (Cout - Cin) bytes above
 * output_data. Two output pixels are computed into ctx->buf and then copied into place, so
 * ctx->size must be at least tg_convolve_1x1_inplace_s8_mve_get_buffer_size() (2 * Cout bytes).
 */
tg_status tg_convolve_1x1_inplace_s8_mve(const tg_context *ctx,
                                         const tg_conv_params *conv_params,
                                         const tg_per_channel_quant_params *quant_params,
                                         const tg_dims *input_dims, const int8_t *input_data,
                                         const tg_dims *filter_dims, const int8_t *filter_data,
                                         const int32_t *folded_bias,
                                         const tg_dims *output_dims, int8_t *output_data);
int32_t tg_convolve_1x1_inplace_s8_mve_get_buffer_size(const tg_dims *output_dims);

/* ---- Convolution through im2col columns -------------------------------------------------------
 * Any kernel size, stride, dilation and padding. For two output pixels at a time the input values
 * they see are copied into two int8 columns of K = KH*KW*Cin bytes in ctx->buf (padding taps hold
 * the input's zero point, -input_offset), then multiplied with the filter in MVE GEMM order.
 * ctx->size must be at least tg_convolve_s8_mve_get_buffer_size().
 */
tg_status tg_convolve_s8_mve(const tg_context *ctx,
                             const tg_conv_params *conv_params,
                             const tg_per_channel_quant_params *quant_params,
                             const tg_dims *input_dims, const int8_t *input_data,
                             const tg_dims *filter_dims, const int8_t *filter_data,
                             const int32_t *folded_bias,
                             const tg_dims *output_dims, int8_t *output_data);
int32_t tg_convolve_s8_mve_get_buffer_size(const tg_dims *input_dims, const tg_dims *filter_dims);

/* ---- Fully connected ---------------------------------------------------------------------------
 * input [rows, K], output [rows, Cout]: input_dims = {rows, 1, 1, K} (h * w * c = K also accepted),
 * filter_dims = {K, 1, 1, Cout} as tg_fully_connected_s8, the filter in MVE GEMM order, symmetric
 * weights only (fc_params->filter_offset must be 0), folded_bias required, quant_params with Cout
 * entries (a per-tensor multiplier repeated). No scratch.
 */
tg_status tg_fully_connected_s8_mve(const tg_fc_params *fc_params,
                                    const tg_per_channel_quant_params *quant_params,
                                    const tg_dims *input_dims, const int8_t *input_data,
                                    const tg_dims *filter_dims, const int8_t *filter_data,
                                    const int32_t *folded_bias,
                                    const tg_dims *output_dims, int8_t *output_data);

/* ---- Depthwise convolution, channel multiplier 1 ----------------------------------------------
 * As tg_depthwise_conv_s8 with ch_mult == 1 (anything else is TG_ARG_ERROR): filter [1, KH, KW, C]
 * in its natural order, bias as given (may be NULL; not folded, because border taps are skipped).
 * Sixteen channels per step as four int32x4 accumulators (VMLA); the C % 16 rest four at a
 * time, the last group tail-predicated. No scratch.
 */
tg_status tg_depthwise_conv_s8_mve(const tg_dw_conv_params *dw_conv_params,
                                   const tg_per_channel_quant_params *quant_params,
                                   const tg_dims *input_dims, const int8_t *input_data,
                                   const tg_dims *filter_dims, const int8_t *filter_data,
                                   const int32_t *bias_data,
                                   const tg_dims *output_dims, int8_t *output_data);

/* ---- Depthwise convolution in place -----------------------------------------------------------
 * tg_depthwise_conv_inplace_s8 (tg_nn.h) with the same arguments and memory rules; its scratch is
 * always one whole zero-point padded channel (the most that kernel's ring ever needs): each channel is
 * gathered into ctx->buf, then four output pixels of a row per vector, one VMLA by the tap's weight
 * per tap, the input offset folded into the bias. Without MVE it is tg_depthwise_conv_inplace_s8.
 */
tg_status tg_depthwise_conv_inplace_s8_mve(const tg_context *ctx,
                                           const tg_dw_conv_params *dw_conv_params,
                                           const tg_per_channel_quant_params *quant_params,
                                           const tg_dims *input_dims,
                                           const tg_dims *filter_dims, const int8_t *filter_data,
                                           const tg_dims *bias_dims, const int32_t *bias_data,
                                           const tg_dims *output_dims, int8_t *data);

#ifdef __cplusplus
}
#endif

#endif /* TG_NN_MVE_H */
