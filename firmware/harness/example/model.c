/*
 * Hand-written example "model" glue for the harness self-check: the shape of
 * what the generator emits per model. Graph:
 *   input float32 [1,4,4,2] --quantize(0.05, zp 3)--> int8
 *   --conv 3x3 stride 2 pad 1, 2 channels, per-channel, ReLU--> [1,2,2,2] (0.1, zp -5)
 *   --fully connected 8 -> 4 (0.15, zp 2)--> output 0 (logits, int8)
 *   --softmax (beta 1)--> output 1 (int8, 1/256, zp -128)
 *   --dequantize--> output 2 (float32)
 * Constants: see example_data.h; requantization pairs printed by reference.c.
 */
#include <stdint.h>

#include "tg_harness.h"
#include "tg_nn.h"
#include "example_data.h"

/* Activations live in the arena section (RAM, NOLOAD), as generated code does. */
#define EX_ARENA_SIZE 128
static int8_t ex_arena[EX_ARENA_SIZE] __attribute__((section(".tg_arena"), aligned(16)));
static float ex_input_f32[EX_IN_H * EX_IN_W * EX_IN_C];
static float ex_output_f32[EX_FC_OUT];

#define EX_QIN     (ex_arena + 0)    /* 32 bytes */
#define EX_CONV    (ex_arena + 32)   /* 8 bytes */
#define EX_LOGITS  (ex_arena + 48)   /* 4 bytes */
#define EX_PROBS   (ex_arena + 64)   /* 4 bytes */

static const int32_t ex_conv_mult[EX_CONV_OUT_C] = { 1374389535, 1374389535 };
static const int32_t ex_conv_shift[EX_CONV_OUT_C] = { -6, -7 };
static const int32_t ex_fc_mult[1] = { 1374389535 };
static const int32_t ex_fc_shift[1] = { -5 };
#define EX_SOFTMAX_MULT 1288490189
#define EX_SOFTMAX_SHIFT 24
#define EX_SOFTMAX_DIFF_MIN (-124)

static int ex_invoke(void)
{
    tg_quantize_f32_s8(ex_input_f32, EX_IN_H * EX_IN_W * EX_IN_C, (float)EX_IN_SCALE, EX_IN_ZP, EX_QIN);

    const tg_context ctx = { 0, 0 };
    const tg_conv_params conv = {
        .input_offset = -EX_IN_ZP, .output_offset = EX_CONV_OUT_ZP,
        .stride = { 2, 2 }, .padding = { 1, 1 }, .dilation = { 1, 1 },
        .activation = { EX_CONV_OUT_ZP, 127 },
    };
    const tg_per_channel_quant_params conv_q = { ex_conv_mult, ex_conv_shift };
    const tg_dims in_dims = { 1, EX_IN_H, EX_IN_W, EX_IN_C };
    const tg_dims conv_w_dims = { EX_CONV_OUT_C, 3, 3, EX_IN_C };
    const tg_dims conv_b_dims = { 1, 1, 1, EX_CONV_OUT_C };
    const tg_dims conv_out_dims = { 1, EX_CONV_OUT_H, EX_CONV_OUT_W, EX_CONV_OUT_C };
    tg_status st = tg_convolve_s8(&ctx, &conv, &conv_q, &in_dims, EX_QIN, &conv_w_dims, ex_conv_w,
                                  &conv_b_dims, ex_conv_bias, &conv_out_dims, EX_CONV);
    if (st != TG_OK) {
        return 10;
    }

    const tg_fc_params fc = { -EX_CONV_OUT_ZP, 0, EX_FC_OUT_ZP, { -128, 127 } };
    const tg_per_channel_quant_params fc_q = { ex_fc_mult, ex_fc_shift };
    const tg_dims fc_in_dims = { 1, 1, 1, EX_FC_IN };
    const tg_dims fc_w_dims = { EX_FC_IN, 1, 1, EX_FC_OUT };
    const tg_dims fc_b_dims = { 1, 1, 1, EX_FC_OUT };
    const tg_dims fc_out_dims = { 1, 1, 1, EX_FC_OUT };
    st = tg_fully_connected_s8(&ctx, &fc, &fc_q, 0, &fc_in_dims, EX_CONV, &fc_w_dims, ex_fc_w,
                               &fc_b_dims, ex_fc_bias, &fc_out_dims, EX_LOGITS);
    if (st != TG_OK) {
        return 11;
    }

    tg_softmax_s8(EX_LOGITS, 1, EX_FC_OUT, EX_SOFTMAX_MULT, EX_SOFTMAX_SHIFT, EX_SOFTMAX_DIFF_MIN, EX_PROBS);
    tg_dequantize_s8_f32(EX_PROBS, EX_FC_OUT, 1.0f / 256.0f, -128, ex_output_f32);
    return 0;
}

static void *ex_in0(void) { return ex_input_f32; }
static void *ex_out0(void) { return EX_LOGITS; }
static void *ex_out1(void) { return EX_PROBS; }
static void *ex_out2(void) { return ex_output_f32; }

static const tg_harness_tensor ex_inputs[1] = {
    { ex_in0, EX_IN_H * EX_IN_W * EX_IN_C, TG_HARNESS_FLOAT32 },
};
static const tg_harness_tensor ex_outputs[3] = {
    { ex_out0, EX_FC_OUT, TG_HARNESS_INT8 },
    { ex_out1, EX_FC_OUT, TG_HARNESS_INT8 },
    { ex_out2, EX_FC_OUT, TG_HARNESS_FLOAT32 },
};

const tg_harness_model tg_harness_the_model = { ex_invoke, ex_inputs, 1, ex_outputs, 3 };

/* ex_input as little-endian float32 bytes (the generator writes these from the test input). */
const uint8_t tg_harness_input_bytes[] = {
    0x00, 0x00, 0x00, 0x3e, 0x00, 0x00, 0x00, 0xbf, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x80, 0x3e,
    0x00, 0x00, 0xa0, 0xbf, 0x00, 0x00, 0xc0, 0x3e, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0xc0,
    0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x20, 0x3f, 0x00, 0x00, 0x00, 0xbe, 0x00, 0x00, 0xc0, 0x3f,
    0x00, 0x00, 0x60, 0x40, 0x00, 0x00, 0xe0, 0xc0, 0x00, 0x00, 0x60, 0x3f, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0xc0, 0xbe, 0x00, 0x00, 0xa0, 0x3f, 0x00, 0x00, 0x40, 0x3f, 0x00, 0x00, 0x00, 0xc0,
    0x00, 0x00, 0xe0, 0x3f, 0xcd, 0xcc, 0xcc, 0x3d, 0x9a, 0x99, 0x19, 0xbf, 0x00, 0x00, 0x20, 0x40,
    0x00, 0x00, 0x80, 0xbf, 0x9a, 0x99, 0x99, 0x3e, 0x66, 0x66, 0x66, 0x3f, 0xcd, 0xcc, 0x4c, 0xbe,
    0xcd, 0xcc, 0x8c, 0x3f, 0x00, 0x00, 0x80, 0x40, 0x33, 0x33, 0x33, 0xbf, 0xcd, 0xcc, 0xcc, 0x3e,
};
const uint32_t tg_harness_input_size = sizeof tg_harness_input_bytes;
