/*
 * TinyGen's specialized int8 kernels: the contract of the fast variants the generator picks on
 * cores with the DSP extension (Cortex-M4/M7/M33/M55). They compute exactly what the portable
 * kernels in tg_nn.h compute (same arithmetic, same rounding, same results), but take some
 * arguments in a form the generator prepares at compile time:
 *
 *  - Folded bias: folded_bias[oc] = bias[oc] + input_offset * sum over the filter row of w.
 *    Exact wherever every tap reads a real element or one filled with the input's zero point:
 *    always for 1x1 convolutions without padding and fully connected layers, and for the im2col
 *    convolution, whose column holds the zero point at padding taps. The kernels then never add
 *    the input offset; conv_params->input_offset is only read by tg_convolve_s8_fast (to fill).
 *  - Blocked filter ("GEMM order"): the filter viewed as Cout rows of K values (K = KH*KW*Cin in
 *    OHWI order) is stored as floor(Cout/2) blocks of two rows, then the last row plainly when
 *    Cout is odd. Within a block, for each group of four k (k < K - K % 4): the two rows' four
 *    values (8 bytes: row 0 k..k+3, then row 1 k..k+3), then for each of the K % 4 last k the
 *    two rows' values (2 bytes). The microkernel reads one word per row and group, so SXTB16 and
 *    SXTB16 ROR 8 pair them with the input's even and odd bytes with no shuffling at run time.
 *
 * Other conventions (NHWC, offsets, clamp, wrap-around accumulation, TG_ARG_ERROR) are tg_nn.h's.
 */
#ifndef TG_NN_FAST_H
#define TG_NN_FAST_H

#include "tg_nn.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Fully connected, int16 weights in FC order --------------------------------------------------
 * input_dims = {rows, 1, 1, K} (any h, w, c with h*w*c = K), filter_dims = {K, 1, 1, Cout},
 * output_dims = {rows, 1, 1, Cout}; symmetric weights only (fc_params->filter_offset must be 0,
 * input_offset is not read: it is in folded_bias, which is required). Per-channel multiplier and
 * shift tables with Cout entries (a per-tensor layer repeats its pair).
 * filter_data ("FC order"): the weights widened to int16 at compile time, two per word (lane 0 in
 * bits 0..15). Cout is cut into blocks of four rows, the last block holding the Cout % 4 rows left.
 * For a block of R rows and each group of four k (ceil(K/4) groups; k >= K read as weight 0):
 * R words (w[r][k], w[r][k+2]) for r = 0..R-1, then R words (w[r][k+1], w[r][k+3]). These pair
 * with the input word's SXTB16 and SXTB16 ROR 8 halves, so each SMLAD does two MACs and one input
 * word serves four rows. No scratch.
 */
tg_status tg_fully_connected_s8_fast(const tg_fc_params *fc_params,
                                     const tg_per_channel_quant_params *quant_params,
                                     const tg_dims *input_dims, const int8_t *input_data,
                                     const tg_dims *filter_dims, const uint32_t *filter_data,
                                     const int32_t *folded_bias,
                                     const tg_dims *output_dims, int8_t *output_data);

/* ---- Pointwise (1x1) convolution, int16 weights, may run in place ------------------------------
 * A 1x1 convolution without padding and any stride: output pixel (oy, ox) reads input pixel
 * (oy * stride.h, ox * stride.w). filter_dims = {Cout, 1, 1, Cin}. Symmetric weights only:
 * conv_params->input_offset is not read, it is in folded_bias (required, Cout entries), as are the
 * per-channel multiplier and shift tables (a per-tensor layer repeats its pair).
 * filter_data: the weights widened to int16 in the FC order of tg_fully_connected_s8_fast (K = Cin)
 * with Cout rounded up to a multiple of four by rows of zeros, so every block has four rows:
 * ceil(Cout / 4) * ceil(Cin / 4) * 8 words.
 * Each input pixel is first widened into ctx->buf (even and odd bytes of each group of four as two
 * int16 pairs, zero past Cin), then four output channels at a time read it with LDRD and their
 * weights with LDM: eleven instructions per sixteen MACs on the DSP cores. ctx->buf must be
 * word-aligned and ctx->size at least tg_pointwise_conv_s8_fast_get_buffer_size().
 * In place: since a pixel's outputs are written only after the whole pixel was widened, output_data
 * may overlap input_data exactly as tg_convolve_1x1_inplace_s8 allows (tg_nn.h): input_data at or
 * above output_data; with Cout > Cin (stride 1, same H and W only) at least N * H * W * (Cout - Cin)
 * bytes above it. Buffers that do not overlap are always accepted.
 */
tg_status tg_pointwise_conv_s8_fast(const tg_context *ctx,
                                    const tg_conv_params *conv_params,
                                    const tg_requant *requant,
                                    const tg_dims *input_dims, const int8_t *input_data,
                                    const tg_dims *filter_dims, const uint32_t *filter_data,
                                    const int32_t *folded_bias,
                                    const tg_dims *output_dims, int8_t *output_data);
int32_t tg_pointwise_conv_s8_fast_get_buffer_size(const tg_dims *input_dims);

/* ---- Elementwise add / subtract through input tables ---------------------------------------------
 * What tg_elementwise_add_s8 computes (and tg_elementwise_sub_s8, whose second table is negated):
 * table_1[u] = requantize(((int8_t)u + input_1_offset) * 2^left_shift, input_1 multiplier, shift),
 * likewise table_2 (256 int32 each, indexed by the input byte u, made at compile time), then per
 * element out = clamp(requantize(table_1[x1] + table_2[x2], out->multiplier, out->shift) +
 * out->offset). input_2 is read with index i % input_2_length; same-length inputs go four elements
 * per word. In place as tg_nn.h says for the elementwise kernels. No scratch.
 */
typedef struct {
    int32_t offset;
    int32_t multiplier;
    int32_t shift;
    tg_activation activation;
} tg_add_output;

tg_status tg_elementwise_add_s8_fast(const int8_t *input_1, const int32_t *table_1,
                                     const int8_t *input_2, const int32_t *table_2,
                                     const tg_add_output *out, int8_t *output,
                                     int32_t block_size, int32_t input_2_length);

/* ---- Convolution through an im2col column (GEMM) --------------------------------------------
 * Any kernel size, stride, dilation and padding. For two output pixels at a time the input values
 * they see are copied into two int8 columns of K = KH*KW*Cin bytes in ctx->buf (padding taps hold
 * the input's zero point, -input_offset), then multiplied with the filter in GEMM order.
 * ctx->size must be at least tg_convolve_s8_fast_get_buffer_size().
 */
tg_status tg_convolve_s8_fast(const tg_context *ctx,
                              const tg_conv_params *conv_params,
                              const tg_per_channel_quant_params *quant_params,
                              const tg_dims *input_dims, const int8_t *input_data,
                              const tg_dims *filter_dims, const int8_t *filter_data,
                              const int32_t *folded_bias,
                              const tg_dims *output_dims, int8_t *output_data);
int32_t tg_convolve_s8_fast_get_buffer_size(const tg_dims *input_dims, const tg_dims *filter_dims);

/* ---- Convolution through an im2col column widened to int16 ----------------------------------
 * tg_convolve_s8_fast's arguments and arithmetic (any kernel size, stride, dilation and padding;
 * folded_bias required), but filter_data holds the weights as Cout rows of KH filter rows, each the
 * KW*Cin values of OHWI order followed by zeros up to a multiple of four (R = KW*Cin rounded up;
 * K' = KH*R), widened to int16 in tg_pointwise_conv_s8_fast's order: FC order over K' with Cout
 * rounded up to whole blocks of four rows. For one output pixel at a time the window is widened
 * into int16 pairs in ctx->buf filter row by filter row, R bytes each: straight from the input where
 * those R bytes lie inside the input row (the values past KW*Cin meet zero weights), else assembled
 * first (padding taps hold the input's zero point); then four output channels at a time (LDRD +
 * 2 LDM + 8 SMLAD per 16 MACs). ctx->buf must be word-aligned, ctx->size at least
 * tg_convolve_s8_wide_get_buffer_size(): 2 * K' bytes.
 */
tg_status tg_convolve_s8_wide(const tg_context *ctx,
                              const tg_conv_params *conv_params,
                              const tg_requant *requant,
                              const tg_dims *input_dims, const int8_t *input_data,
                              const tg_dims *filter_dims, const uint32_t *filter_data,
                              const int32_t *folded_bias,
                              const tg_dims *output_dims, int8_t *output_data);
int32_t tg_convolve_s8_wide_get_buffer_size(const tg_dims *filter_dims);

/* ---- Depthwise convolution, channel multiplier 1 ----------------------------------------------
 * As tg_depthwise_conv_s8 with ch_mult == 1 (anything else is TG_ARG_ERROR): filter [1, KH, KW, C]
 * in its natural order, bias as given (may be NULL; not folded, because border taps are skipped).
 * Four channels per 32-bit word: one SMLABB or SMLATT per product. No scratch.
 */
tg_status tg_depthwise_conv_s8_fast(const tg_dw_conv_params *dw_conv_params,
                                    const tg_per_channel_quant_params *quant_params,
                                    const tg_dims *input_dims, const int8_t *input_data,
                                    const tg_dims *filter_dims, const int8_t *filter_data,
                                    const int32_t *bias_data,
                                    const tg_dims *output_dims, int8_t *output_data);

/* ---- In-place depthwise convolution, channel multiplier 1 -------------------------------------
 * tg_depthwise_conv_inplace_s8's contract and arguments (tg_nn.h: output over the input, one padded
 * channel of scratch, the same buffer size), with the plane's taps paired for SMLAD: each word of
 * four input bytes meets two weight pairs, (w0, w2) with its even bytes and (w1, w3) with its odd.
 * 3x3, 5x5 and 7x7 unroll; other sizes run the same loop with run-time bounds, dilation > 1 one
 * tap at a time.
 */
tg_status tg_depthwise_conv_inplace_s8_fast(const tg_context *ctx,
                                            const tg_dw_conv_params *dw_conv_params,
                                            const tg_per_channel_quant_params *quant_params,
                                            const tg_dims *input_dims,
                                            const tg_dims *filter_dims, const int8_t *filter_data,
                                            const tg_dims *bias_dims, const int32_t *bias_data,
                                            const tg_dims *output_dims, int8_t *data);
int32_t tg_depthwise_conv_inplace_s8_fast_get_buffer_size(const tg_dw_conv_params *dw_conv_params,
                                                          const tg_dims *filter_dims, const tg_dims *output_dims);

#ifdef __cplusplus
}
#endif

#endif /* TG_NN_FAST_H */
