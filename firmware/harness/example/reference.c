/*
 * Host-side independent check of the example model (model.c): recomputes every
 * output with separately written code and compares with expected.txt.
 *  - quantize: ONNX rule (x / scale, round half to even with rint, + zp, saturate)
 *  - conv and fully connected: integer accumulation, then the double-rounding
 *    requantization written with exact 64-bit rational steps (not tg_math.h);
 *    exact match required.
 *  - softmax: computed in double precision from the real-valued logits;
 *    the fixed-point kernel must be within 1 LSB (exact TFLite bit matching is
 *    covered by the randomized kernel tests, not here).
 *  - dequantize: exact from the int8 softmax output.
 * Also prints the requantization constants used in model.c.
 * Build: gcc -std=c99 -O2 reference.c -lm -o reference && ./reference expected.txt
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "example_data.h"

static void quantize_multiplier(double m, int32_t *q, int32_t *s)
{
    int e;
    const double f = frexp(m, &e);
    long long qq = llround(f * 2147483648.0);
    if (qq == 2147483648LL) { qq /= 2; ++e; }
    *q = (int32_t)qq;
    *s = e;
}

/* round(a / 2^n) half away from zero, exact. */
static int64_t round_div_pow2_away(int64_t a, int n)
{
    if (n == 0) return a;
    const int64_t d = (int64_t)1 << n;
    const int64_t mag = a < 0 ? -a : a;
    int64_t q = mag / d;
    if (mag % d >= d / 2) q += 1;
    return a < 0 ? -q : q;
}

/* SRDHM: nudge rule = round half away from zero for p >= 0; for p < 0 the
 * nudge 1 - 2^30 with truncation rounds halves toward zero. */
static int32_t srdhm_ref(int32_t a, int32_t b)
{
    const int64_t p = (int64_t)a * b;
    if (p >= 0) return (int32_t)(((p + ((int64_t)1 << 30)) >> 31));
    const int64_t mag = -p;
    const int64_t q = mag >> 31;
    const int64_t r = mag & (((int64_t)1 << 31) - 1);
    return (int32_t)-(q + (r > ((int64_t)1 << 30) ? 1 : 0));
}

static int32_t requant_ref(int32_t x, int32_t m, int32_t s)
{
    const int32_t left = s > 0 ? s : 0, right = s > 0 ? 0 : -s;
    return (int32_t)round_div_pow2_away(srdhm_ref((int32_t)((int64_t)x << left), m), right);
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

int main(int argc, char **argv)
{
    int32_t m, s;
    printf("constants:\n");
    for (int c = 0; c < EX_CONV_OUT_C; ++c) {
        quantize_multiplier(EX_IN_SCALE * ex_conv_w_scale[c] / EX_CONV_OUT_SCALE, &m, &s);
        printf("  conv[%d] mult %ld shift %ld\n", c, (long)m, (long)s);
    }
    quantize_multiplier(EX_CONV_OUT_SCALE * EX_FC_W_SCALE / EX_FC_OUT_SCALE, &m, &s);
    printf("  fc mult %ld shift %ld\n", (long)m, (long)s);
    double sm_real = EX_FC_OUT_SCALE * 67108864.0;
    int32_t sm_m, sm_s;
    quantize_multiplier(sm_real, &sm_m, &sm_s);
    printf("  softmax mult %ld shift %ld diff_min %ld\n", (long)sm_m, (long)sm_s,
           (long)-(int32_t)floor(31.0 * 67108864.0 / ldexp(1.0, sm_s)));

    /* quantize input */
    int8_t qin[EX_IN_H * EX_IN_W * EX_IN_C];
    for (int i = 0; i < EX_IN_H * EX_IN_W * EX_IN_C; ++i) {
        const double r = rint((double)(ex_input[i] / (float)EX_IN_SCALE));
        qin[i] = (int8_t)clampi((int)r + EX_IN_ZP, -128, 127);
    }
    /* conv 3x3 stride 2 pad 1, ReLU */
    int8_t conv[EX_CONV_OUT_H * EX_CONV_OUT_W * EX_CONV_OUT_C];
    for (int oy = 0; oy < EX_CONV_OUT_H; ++oy)
        for (int ox = 0; ox < EX_CONV_OUT_W; ++ox)
            for (int oc = 0; oc < EX_CONV_OUT_C; ++oc) {
                int64_t acc = ex_conv_bias[oc];
                for (int ky = 0; ky < 3; ++ky)
                    for (int kx = 0; kx < 3; ++kx)
                        for (int ic = 0; ic < EX_IN_C; ++ic) {
                            const int iy = oy * 2 - 1 + ky, ix = ox * 2 - 1 + kx;
                            const int x = (iy < 0 || ix < 0 || iy >= EX_IN_H || ix >= EX_IN_W)
                                              ? EX_IN_ZP : qin[(iy * EX_IN_W + ix) * EX_IN_C + ic];
                            acc += (int64_t)(x - EX_IN_ZP) * ex_conv_w[((oc * 3 + ky) * 3 + kx) * EX_IN_C + ic];
                        }
                quantize_multiplier(EX_IN_SCALE * ex_conv_w_scale[oc] / EX_CONV_OUT_SCALE, &m, &s);
                const int v = requant_ref((int32_t)acc, m, s) + EX_CONV_OUT_ZP;
                conv[(oy * EX_CONV_OUT_W + ox) * EX_CONV_OUT_C + oc] = (int8_t)clampi(v, EX_CONV_OUT_ZP > -128 ? EX_CONV_OUT_ZP : -128, 127);
            }
    /* fully connected */
    int8_t fc[EX_FC_OUT];
    quantize_multiplier(EX_CONV_OUT_SCALE * EX_FC_W_SCALE / EX_FC_OUT_SCALE, &m, &s);
    for (int o = 0; o < EX_FC_OUT; ++o) {
        int64_t acc = ex_fc_bias[o];
        for (int k = 0; k < EX_FC_IN; ++k) acc += (int64_t)(conv[k] - EX_CONV_OUT_ZP) * ex_fc_w[o * EX_FC_IN + k];
        fc[o] = (int8_t)clampi(requant_ref((int32_t)acc, m, s) + EX_FC_OUT_ZP, -128, 127);
    }
    /* softmax in double */
    double sm[EX_FC_OUT], sum = 0.0;
    int maxq = -128;
    for (int o = 0; o < EX_FC_OUT; ++o) if (fc[o] > maxq) maxq = fc[o];
    for (int o = 0; o < EX_FC_OUT; ++o) { sm[o] = exp(EX_FC_OUT_SCALE * (fc[o] - maxq)); sum += sm[o]; }

    printf("reference:\nfc:");
    for (int o = 0; o < EX_FC_OUT; ++o) printf(" %d", fc[o]);
    printf("\nsoftmax (real*256-128):");
    for (int o = 0; o < EX_FC_OUT; ++o) printf(" %.3f", sm[o] / sum * 256.0 - 128.0);
    printf("\n");

    if (argc < 2) return 0;
    /* compare with expected.txt (the TG_DATA lines) */
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    char line[1024];
    int fails = 0, seen = 0;
    int8_t smq[EX_FC_OUT] = { 0 };
    while (fgets(line, sizeof line, f)) {
        int idx;
        if (sscanf(line, "TG_DATA %d", &idx) != 1) continue;
        char *p = line + 8;
        strtol(p, &p, 10);
        for (int o = 0; o < EX_FC_OUT; ++o) {
            if (idx == 2) {
                unsigned long bits = strtoul(p, &p, 16);
                uint32_t b32 = (uint32_t)bits;
                float got;
                memcpy(&got, &b32, 4);
                const float want = (1.0f / 256.0f) * (float)(smq[o] + 128);
                if (got != want) { printf("dequant[%d]: %g != %g\n", o, got, want); ++fails; }
            } else {
                const long v = strtol(p, &p, 10);
                if (idx == 0 && v != fc[o]) { printf("fc[%d]: %ld != %d\n", o, v, fc[o]); ++fails; }
                if (idx == 1) {
                    smq[o] = (int8_t)v;
                    const double want = sm[o] / sum * 256.0 - 128.0;
                    if (fabs((double)v - want) > 1.0) { printf("softmax[%d]: %ld vs %.3f\n", o, v, want); ++fails; }
                }
            }
        }
        ++seen;
    }
    fclose(f);
    if (seen != 3) { printf("expected 3 TG_DATA lines, got %d\n", seen); ++fails; }
    printf("%s: %s\n", argv[1], fails ? "MISMATCH" : "consistent with the independent reference");
    return fails ? 1 : 0;
}
