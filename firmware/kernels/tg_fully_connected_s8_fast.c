/* Fully connected with int16 weights in "FC order", four output features per pass. Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_gemm_s8.h"

#include <stddef.h>

/* The LDM path needs the optimizer: at -O0 (a debug build) gcc cannot find registers for the asm. */
#if TG_HAVE_DSP && defined(__OPTIMIZE__)
#define TG_FC_LDM 1
#else
#define TG_FC_LDM 0
#endif

/* Four rows over one group of four inputs, the portable way: x_even holds inputs (k, k+2) and
 * x_odd (k+1, k+3) as int16 lanes, w the block's eight words for the group. */
static inline void tg_fc_group_c(uint32_t x_even, uint32_t x_odd, const uint32_t *w, int32_t acc[4])
{
    for (int32_t r = 0; r < 4; ++r) acc[r] = tg_smlad(x_even, w[r], acc[r]);
    for (int32_t r = 0; r < 4; ++r) acc[r] = tg_smlad(x_odd, w[4 + r], acc[r]);
}

#if TG_FC_LDM
/* One group of four inputs against four rows: the input word split into its even and odd bytes
 * once for all four rows, the eight weight words in two LDMs. Every weight is read once per input
 * row, so loads are half the work; gcc splits four adjacent loads into single LDRs and LDRDs, and an
 * LDM needs its registers in ascending order, hence r4, r5, r6, r8 by name (r7 is Thumb's frame
 * pointer in builds that keep one). */
#define TG_FC_GROUP                                              \
    "ldr     %[xo], [%[x]], #4\n\t"                              \
    "ldmia   %[w]!, {%[w0], %[w1], %[w2], %[w3]}\n\t"            \
    "sxtb16  %[xe], %[xo]\n\t"                                   \
    "sxtb16  %[xo], %[xo], ror #8\n\t"                           \
    "smlad   %[a0], %[xe], %[w0], %[a0]\n\t"                     \
    "smlad   %[a1], %[xe], %[w1], %[a1]\n\t"                     \
    "smlad   %[a2], %[xe], %[w2], %[a2]\n\t"                     \
    "smlad   %[a3], %[xe], %[w3], %[a3]\n\t"                     \
    "ldmia   %[w]!, {%[w0], %[w1], %[w2], %[w3]}\n\t"            \
    "smlad   %[a0], %[xo], %[w0], %[a0]\n\t"                     \
    "smlad   %[a1], %[xo], %[w1], %[a1]\n\t"                     \
    "smlad   %[a2], %[xo], %[w2], %[a2]\n\t"                     \
    "smlad   %[a3], %[xo], %[w3], %[a3]\n\t"

/* The whole groups of four inputs: four per trip while at least four are left, then one at a time. */
static const uint32_t *tg_fc_groups_4(const int8_t *x, const uint32_t *w, int32_t groups, int32_t acc[4])
{
    register uint32_t w0 __asm__("r4");
    register uint32_t w1 __asm__("r5");
    register uint32_t w2 __asm__("r6");
    register uint32_t w3 __asm__("r8");
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    uint32_t xe, xo;
    const int8_t *const x_end = x + 4 * groups;
    const int8_t *const x_end4 = x + 4 * (groups & ~3);
    while (x != x_end4) {
        __asm__(TG_FC_GROUP TG_FC_GROUP TG_FC_GROUP TG_FC_GROUP
                : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w] "+r"(w),
                  [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3)
                : "m"(*(const int8_t(*)[16])x), "m"(*(const uint32_t(*)[32])w));
    }
    while (x != x_end) {
        __asm__(TG_FC_GROUP
                : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [x] "+r"(x), [w] "+r"(w),
                  [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3)
                : "m"(*(const int8_t(*)[4])x), "m"(*(const uint32_t(*)[8])w));
    }
    acc[0] = a0; acc[1] = a1; acc[2] = a2; acc[3] = a3;
    return w;
}
#else
static const uint32_t *tg_fc_groups_4(const int8_t *x, const uint32_t *w, int32_t groups, int32_t acc[4])
{
    for (; groups > 0; --groups) {
        const uint32_t in = tg_read_s8x4(x);
        tg_fc_group_c(tg_sxtb16(in), tg_sxtb16_odd(in), w, acc);
        x += 4;
        w += 8;
    }
    return w;
}
#endif

/* Group g's inputs as even/odd lanes; inputs past k are 0 (their weights are 0 too). */
static inline void tg_fc_lanes(const int8_t *x, int32_t k, int32_t g, uint32_t *x_even, uint32_t *x_odd)
{
    const int32_t left = k - 4 * g;
    const int8_t *p = x + 4 * g;
    if (left >= 4) {
        const uint32_t in = tg_read_s8x4(p);
        *x_even = tg_sxtb16(in);
        *x_odd = tg_sxtb16_odd(in);
        return;
    }
    const int32_t x1 = left > 1 ? p[1] : 0;
    const int32_t x2 = left > 2 ? p[2] : 0;
    *x_even = ((uint32_t)p[0] & 0xffffu) | ((uint32_t)x2 << 16);
    *x_odd = (uint32_t)x1 & 0xffffu;
}

/* Four output features from one input row of k values; w walks the block and is returned past it. */
static const uint32_t *tg_fc_block_4(const int8_t *x, const uint32_t *w, int32_t k, int32_t acc[4])
{
    w = tg_fc_groups_4(x, w, k >> 2, acc);
    if ((k & 3) != 0) {
        uint32_t x_even, x_odd;
        tg_fc_lanes(x, k, k >> 2, &x_even, &x_odd);
        tg_fc_group_c(x_even, x_odd, w, acc);
        w += 8;
    }
    return w;
}

/* The last block when Cout % 4 != 0: rows < 4 rows, one at a time. */
static void tg_fc_block_rows(const int8_t *x, const uint32_t *w, int32_t k, int32_t rows, int32_t acc[])
{
    const int32_t groups = (k + 3) >> 2;
    for (int32_t r = 0; r < rows; ++r) {
        const uint32_t *wr = w + r;
        int32_t a = acc[r];
        for (int32_t g = 0; g < groups; ++g) {
            uint32_t x_even, x_odd;
            tg_fc_lanes(x, k, g, &x_even, &x_odd);
            a = tg_smlad(x_even, wr[0], a);
            a = tg_smlad(x_odd, wr[rows], a);
            wr += 2 * rows;
        }
        acc[r] = a;
    }
}

tg_status tg_fully_connected_s8_fast(const tg_fc_params *fc_params,
                                     const tg_per_channel_quant_params *quant_params,
                                     const tg_dims *input_dims, const int8_t *input_data,
                                     const tg_dims *filter_dims, const uint32_t *filter_data,
                                     const int32_t *folded_bias,
                                     const tg_dims *output_dims, int8_t *output_data)
{
    if (fc_params == NULL || quant_params == NULL || input_dims == NULL || input_data == NULL ||
        filter_dims == NULL || filter_data == NULL || folded_bias == NULL || output_dims == NULL || output_data == NULL ||
        quant_params->multiplier == NULL || quant_params->shift == NULL) {
        return TG_ARG_ERROR;
    }
    const int32_t batches = input_dims->n;
    const int32_t k = filter_dims->n;
    const int32_t cout = output_dims->c;
    const int32_t output_offset = fc_params->output_offset;
    const int32_t act_min = fc_params->activation.min, act_max = fc_params->activation.max;
    if (batches < 1 || k < 1 || cout < 1 || filter_dims->c != cout || output_dims->n != batches ||
        input_dims->h < 1 || input_dims->w < 1 || input_dims->c < 1 ||
        (int64_t)input_dims->h * input_dims->w * input_dims->c != k || fc_params->filter_offset != 0 ||
        !tg_output_offset_ok(output_offset) || !tg_activation_ok(act_min, act_max)) {
        return TG_ARG_ERROR;
    }
    const int32_t *multiplier = quant_params->multiplier, *shift = quant_params->shift;
    for (int32_t b = 0; b < batches; ++b) {
        const int8_t *x = input_data + (size_t)b * (size_t)k;
        int8_t *y = output_data + (size_t)b * (size_t)cout;
        const uint32_t *w = filter_data;
        int32_t oc = 0;
        for (; oc + 4 <= cout; oc += 4) {
            int32_t acc[4] = { folded_bias[oc], folded_bias[oc + 1], folded_bias[oc + 2], folded_bias[oc + 3] };
            w = tg_fc_block_4(x, w, k, acc);
            for (int32_t r = 0; r < 4; ++r)
                y[oc + r] = tg_finish(acc[r], multiplier[oc + r], shift[oc + r], output_offset, act_min, act_max);
        }
        if (oc < cout) {
            const int32_t rows = cout - oc;
            int32_t acc[3] = { 0, 0, 0 };
            for (int32_t r = 0; r < rows; ++r) acc[r] = folded_bias[oc + r];
            tg_fc_block_rows(x, w, k, rows, acc);
            for (int32_t r = 0; r < rows; ++r)
                y[oc + r] = tg_finish(acc[r], multiplier[oc + r], shift[oc + r], output_offset, act_min, act_max);
        }
    }
    return TG_OK;
}
