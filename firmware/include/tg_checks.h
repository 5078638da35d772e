/*
 * The argument checks the kernels make against the contract in tg_nn.h, stated once so every
 * kernel enforces the same ranges. Internal to the kernels (static inline, portable C99).
 */
#ifndef TG_CHECKS_H
#define TG_CHECKS_H

#include <stddef.h>

#include "tg_nn.h"

/* input_offset is -zero_point of an int8 input. */
static inline int tg_input_offset_ok(int32_t offset) { return offset >= -127 && offset <= 128; }

/* output_offset is +zero_point of an int8 output. */
static inline int tg_output_offset_ok(int32_t offset) { return offset >= -128 && offset <= 127; }

/* A fused activation clamp lies within int8 and is not empty. */
static inline int tg_activation_ok(int32_t act_min, int32_t act_max)
{
    return act_min >= -128 && act_max <= 127 && act_min <= act_max;
}

/* Pooling: every pointer present, positive sizes, batches and channels carried through
 * unchanged, strides of at least one, a valid clamp. */
static inline int tg_pool_args_ok(const tg_pool_params *pool_params,
                                  const tg_dims *input_dims, const int8_t *input_data,
                                  const tg_dims *filter_dims, const tg_dims *output_dims, const int8_t *output_data)
{
    return pool_params != NULL && input_dims != NULL && input_data != NULL && filter_dims != NULL &&
           output_dims != NULL && output_data != NULL &&
           input_dims->n >= 1 && input_dims->h >= 1 && input_dims->w >= 1 && input_dims->c >= 1 &&
           filter_dims->h >= 1 && filter_dims->w >= 1 && output_dims->h >= 1 && output_dims->w >= 1 &&
           output_dims->c == input_dims->c && output_dims->n == input_dims->n &&
           pool_params->stride.w >= 1 && pool_params->stride.h >= 1 &&
           tg_activation_ok(pool_params->activation.min, pool_params->activation.max);
}

/* The GEMM convolutions of tg_nn_fast.h and tg_nn_mve.h: scratch, parameters, the per-channel
 * tables, the folded bias and every tensor present (filters are int8 or widened int16 words). */
static inline int tg_quant_params_ok(const tg_per_channel_quant_params *quant_params)
{
    return quant_params != NULL && quant_params->multiplier != NULL && quant_params->shift != NULL;
}

/* requantization_ok: tg_quant_params_ok() of the kernel's quant_params, or its tg_requant table is not NULL. */
static inline int tg_gemm_conv_pointers_ok(const tg_context *ctx, const tg_conv_params *conv_params, int requantization_ok,
                                           const tg_dims *input_dims, const int8_t *input_data,
                                           const tg_dims *filter_dims, const void *filter_data, const int32_t *folded_bias,
                                           const tg_dims *output_dims, const int8_t *output_data)
{
    return ctx != NULL && ctx->buf != NULL && conv_params != NULL && requantization_ok && input_dims != NULL &&
           input_data != NULL && filter_dims != NULL && filter_data != NULL && folded_bias != NULL &&
           output_dims != NULL && output_data != NULL;
}

#endif /* TG_CHECKS_H */
