/* float32 -> int8 (ONNX QuantizeLinear; TFLite QUANTIZE with _half_away). Contract: tg_nn.h.
 * q = saturate(round(x / scale) + zero_point) to [-128, 127], ties to even or away from zero.
 * The rounding is done here with integer logic (no libm, no dependence on the
 * FPU rounding mode): v - trunc(v) is exact in float (Sterbenz), so comparing
 * that fraction with 0.5 decides the rounding exactly. NaN maps to
 * zero_point (saturated). */
#include "tg_nn.h"
#include "tg_math.h"

static int32_t tg_round_half_even_small(float v)
{
    /* |v| < 2^15 here, so the conversion to int32 is defined. */
    const int32_t t = (int32_t)v; /* truncates toward zero */
    const float frac = v - (float)t;
    if (frac > 0.5f || (frac == 0.5f && (t % 2) != 0)) {
        return t + 1;
    }
    if (frac < -0.5f || (frac == -0.5f && (t % 2) != 0)) {
        return t - 1;
    }
    return t;
}

static int32_t tg_round_half_away_small(float v)
{
    const int32_t t = (int32_t)v;
    const float frac = v - (float)t;
    if (frac >= 0.5f) {
        return t + 1;
    }
    if (frac <= -0.5f) {
        return t - 1;
    }
    return t;
}

static void tg_quantize(const float *input, int32_t size, float scale, int32_t zero_point, int8_t *output,
                        int32_t (*round_small)(float))
{
    for (int32_t i = 0; i < size; ++i) {
        const float v = input[i] / scale;
        int32_t q;
        if (v != v) {
            q = 0;
        } else if (v > 1024.0f) {
            q = 1024;
        } else if (v < -1024.0f) {
            q = -1024;
        } else {
            q = round_small(v);
        }
        output[i] = tg_sat_s8(q + zero_point);
    }
}

void tg_quantize_f32_s8(const float *input, int32_t size, float scale, int32_t zero_point, int8_t *output)
{
    tg_quantize(input, size, scale, zero_point, output, tg_round_half_even_small);
}

void tg_quantize_f32_s8_half_away(const float *input, int32_t size, float scale, int32_t zero_point, int8_t *output)
{
    tg_quantize(input, size, scale, zero_point, output, tg_round_half_away_small);
}
