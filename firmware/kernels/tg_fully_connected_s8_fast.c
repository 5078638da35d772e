/* Fully connected with int16 weights in "FC order", four output features per pass. Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_gemm_s8.h"

#include <stddef.h>

/* Four rows over one group of four inputs, the portable way: x holds the group's input bytes
 * split into even (k, k+2) and odd (k+1, k+3) lanes, w the block's eight words for the group. */
static inline void tg_fc_group_c(uint32_t x_even, uint32_t x_odd, const uint32_t *w, int32_t acc[4])
{
    acc[0] = tg_smlad(x_even, w[0], acc[0]);
    acc[1] = tg_smlad(x_even, w[1], acc[1]);
    acc[2] = tg_smlad(x_even, w[2], acc[2]);
    acc[3] = tg_smlad(x_even, w[3], acc[3]);
    acc[0] = tg_smlad(x_odd, w[4], acc[0]);
    acc[1] = tg_smlad(x_odd, w[5], acc[1]);
    acc[2] = tg_smlad(x_odd, w[6], acc[2]);
    acc[3] = tg_smlad(x_odd, w[7], acc[3]);
}

/* The LDM path needs the optimizer: at -O0 (a debug build) gcc cannot find registers for the asm. */
#if TG_HAVE_DSP && defined(__OPTIMIZE__)
#define TG_FC_LDM 1
#else
#define TG_FC_LDM 0
#endif

#if TG_FC_LDM
/* The same group with the eight weight words fetched by two LDMs. Every weight is read once per
 * input row, so the loads are half the work; gcc splits four adjacent loads into single LDRs and
 * LDRDs, and an LDM needs its registers in ascending order, hence r4, r5, r6, r8 by name (r7 is
 * Thumb's frame pointer in builds that keep one). */
static inline __attribute__((always_inline)) void tg_fc_group_dsp(const int8_t **x, const uint32_t **w,
                                                                  int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
{
    register uint32_t w0 __asm__("r4");
    register uint32_t w1 __asm__("r5");
    register uint32_t w2 __asm__("r6");
    register uint32_t w3 __asm__("r8");
    uint32_t in, x_even;
    __asm__("ldr     %[in], [%[x]], #4\n\t"
            "ldmia   %[w]!, {%[w0], %[w1], %[w2], %[w3]}\n\t"
            "sxtb16  %[xe], %[in]\n\t"
            "sxtb16  %[in], %[in], ror #8\n\t"
            "smlad   %[a0], %[xe], %[w0], %[a0]\n\t"
            "smlad   %[a1], %[xe], %[w1], %[a1]\n\t"
            "smlad   %[a2], %[xe], %[w2], %[a2]\n\t"
            "smlad   %[a3], %[xe], %[w3], %[a3]\n\t"
            "ldmia   %[w]!, {%[w0], %[w1], %[w2], %[w3]}\n\t"
            "smlad   %[a0], %[in], %[w0], %[a0]\n\t"
            "smlad   %[a1], %[in], %[w1], %[a1]\n\t"
            "smlad   %[a2], %[in], %[w2], %[a2]\n\t"
            "smlad   %[a3], %[in], %[w3], %[a3]"
            : [a0] "+r"(*a0), [a1] "+r"(*a1), [a2] "+r"(*a2), [a3] "+r"(*a3),
              [x] "+r"(*x), [w] "+r"(*w), [in] "=&r"(in), [xe] "=&r"(x_even),
              [w0] "=&r"(w0), [w1] "=&r"(w1), [w2] "=&r"(w2), [w3] "=&r"(w3)
            : "m"(*(const int8_t(*)[4]) * x), "m"(*(const uint32_t(*)[8]) * w));
}
#endif

/* The last group's 1..3 inputs as even/odd lanes; missing inputs are 0 (their weights are 0 too). */
static inline void tg_fc_tail_lanes(const int8_t *x, int32_t count, uint32_t *x_even, uint32_t *x_odd)
{
    const int32_t x2 = count > 2 ? x[2] : 0;
    const int32_t x1 = count > 1 ? x[1] : 0;
    *x_even = ((uint32_t)x[0] & 0xffffu) | ((uint32_t)x2 << 16);
    *x_odd = (uint32_t)x1 & 0xffffu;
}

/* Four output features from one input row of k values; w walks the block and is returned past it. */
static const uint32_t *tg_fc_block_4(const int8_t *x, const uint32_t *w, int32_t k, int32_t acc[4])
{
    int32_t groups = k >> 2;
#if TG_FC_LDM
    /* Scalars, not acc[]: an array would be stored back after every group. */
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    for (; groups >= 2; groups -= 2) {
        tg_fc_group_dsp(&x, &w, &a0, &a1, &a2, &a3);
        tg_fc_group_dsp(&x, &w, &a0, &a1, &a2, &a3);
    }
    if (groups > 0) tg_fc_group_dsp(&x, &w, &a0, &a1, &a2, &a3);
    acc[0] = a0; acc[1] = a1; acc[2] = a2; acc[3] = a3;
#else
    for (; groups > 0; --groups) {
        const uint32_t in = tg_read_s8x4(x);
        tg_fc_group_c(tg_sxtb16(in), tg_sxtb16_odd(in), w, acc);
        x += 4;
        w += 8;
    }
#endif
    if ((k & 3) != 0) {
        uint32_t x_even, x_odd;
        tg_fc_tail_lanes(x, k & 3, &x_even, &x_odd);
        tg_fc_group_c(x_even, x_odd, w, acc);
        w += 8;
    }
    return w;
}

/* A block of rows < 4 rows (the last one when Cout % 4 != 0), one row at a time. */
static void tg_fc_block_rows(const int8_t *x, const uint32_t *w, int32_t k, int32_t rows, int32_t acc[])
{
    const int32_t groups = (k + 3) >> 2;
    for (int32_t r = 0; r < rows; ++r) {
        const uint32_t *wr = w + r;
        int32_t a = acc[r];
        for (int32_t g = 0; g < groups; ++g) {
            uint32_t x_even, x_odd;
            const int32_t left = k - 4 * g;
            if (left >= 4) {
                const uint32_t in = tg_read_s8x4(x + 4 * g);
                x_even = tg_sxtb16(in);
                x_odd = tg_sxtb16_odd(in);
            } else {
                tg_fc_tail_lanes(x + 4 * g, left, &x_even, &x_odd);
            }
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
