/* Hand-picked numbers of the example model, shared by model.c (firmware) and
 * reference.c (host check). Real scales are here; model.c holds the
 * requantization constants that reference.c prints from them. */
#ifndef EXAMPLE_DATA_H
#define EXAMPLE_DATA_H

#include <stdint.h>

#define EX_IN_H 4
#define EX_IN_W 4
#define EX_IN_C 2
#define EX_IN_SCALE 0.05
#define EX_IN_ZP 3

#define EX_CONV_OUT_H 2
#define EX_CONV_OUT_W 2
#define EX_CONV_OUT_C 2
#define EX_CONV_OUT_SCALE 0.1
#define EX_CONV_OUT_ZP (-5)

#define EX_FC_IN 8
#define EX_FC_OUT 4
#define EX_FC_W_SCALE 0.03
#define EX_FC_OUT_SCALE 0.15
#define EX_FC_OUT_ZP 2

/* input [1, 4, 4, 2] float32; contains exact .5 ties of x / 0.05 (e.g. 0.125 -> 2.5) */
static const float ex_input[EX_IN_H * EX_IN_W * EX_IN_C] = {
    0.125f, -0.5f, 1.0f, 0.25f, -1.25f, 0.375f, 2.0f, -3.0f,
    0.5f, 0.625f, -0.125f, 1.5f, 3.5f, -7.0f, 0.875f, 0.0f,
    -0.375f, 1.25f, 0.75f, -2.0f, 1.75f, 0.1f, -0.6f, 2.5f,
    -1.0f, 0.3f, 0.9f, -0.2f, 1.1f, 4.0f, -0.7f, 0.4f,
};

/* conv weights OHWI [2, 3, 3, 2], per-channel scales */
static const double ex_conv_w_scale[EX_CONV_OUT_C] = { 0.02, 0.01 };
static const int8_t ex_conv_w[EX_CONV_OUT_C * 3 * 3 * EX_IN_C] = {
    10, -3, 25, 7, -12, 4, 31, -8, 60, 15, -22, 9, 5, 40, -17, -1, 12, 3,
    -45, 14, 8, 27, 3, -9, 70, -33, -6, 2, 19, 55, -27, 6, 11, -64, 38, 1,
};
static const int32_t ex_conv_bias[EX_CONV_OUT_C] = { 1500, -800 };

/* fully connected [4, 8], per-tensor */
static const int8_t ex_fc_w[EX_FC_OUT * EX_FC_IN] = {
    20, -15, 33, 7, -41, 12, 5, 60,
    -8, 44, -19, 27, 3, -50, 36, -2,
    71, 9, -6, -30, 18, 25, -44, 13,
    -3, -21, 14, 48, 39, -7, 22, -66,
};
static const int32_t ex_fc_bias[EX_FC_OUT] = { 850, -1750, 3050, -2320 };

#endif
