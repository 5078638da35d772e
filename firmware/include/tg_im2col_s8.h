/*
 * The im2col window of one output pixel as K = KH * KW * Cin int8 values in filter (OHWI) order,
 * shared by the int8 GEMM convolutions (tg_convolve_s8_fast, tg_convolve_s8_mve) and the int16 one
 * (tg_convolve_s8_wide, which widens it). Taps outside the input hold the input's zero point, so
 * with the input offset folded into the bias they add nothing. Internal to the kernels (C99).
 */
#ifndef TG_IM2COL_S8_H
#define TG_IM2COL_S8_H

#include <stddef.h>
#include <stdint.h>

#include "tg_simd.h"

/* n bytes from src to dst a word at a time (unaligned LDR/STR are fine on these cores), the rest by byte. */
static inline void tg_copy_bytes(int8_t *dst, const int8_t *src, int32_t n)
{
    for (; n >= 4; n -= 4, src += 4, dst += 4) tg_write_s8x4(dst, tg_read_s8x4(src));
    for (; n > 0; --n) *dst++ = *src++;
}

/* Written as words and a tail, not a byte loop: gcc turns a byte loop into a call to memset, which
 * for the one to three bytes of a padding tap costs ten times the stores. */
static inline void tg_fill_bytes(int8_t *dst, int8_t value, int32_t n)
{
    const uint32_t word = 0x01010101u * (uint8_t)value;
    for (; n >= 4; n -= 4, dst += 4) tg_write_s8x4(dst, word);
    if (n & 2) {
        dst[0] = value;
        dst[1] = value;
        dst += 2;
    }
    if (n & 1) dst[0] = value;
}

/* The window whose top left tap is (in_y0, in_x0): one copy per filter row where the row's taps are
 * all inside the input (at dilation 1 they are contiguous), tap by tap at the borders. */
static inline void tg_im2col_s8(const int8_t *in_batch, int32_t in_h, int32_t in_w, int32_t cin,
                                int32_t in_y0, int32_t in_x0, int32_t k_h, int32_t k_w, int32_t dil_y, int32_t dil_x,
                                int8_t zero_point, int8_t *dst)
{
    const int32_t row_bytes = k_w * cin;
    const int whole_rows = dil_x == 1 && in_x0 >= 0 && in_x0 + k_w <= in_w;
    for (int32_t ky = 0; ky < k_h; ++ky, dst += row_bytes) {
        const int32_t in_y = in_y0 + ky * dil_y;
        if (in_y < 0 || in_y >= in_h) {
            tg_fill_bytes(dst, zero_point, row_bytes);
            continue;
        }
        const int8_t *row = in_batch + (size_t)in_y * (size_t)in_w * (size_t)cin;
        if (whole_rows) {
            tg_copy_bytes(dst, row + (size_t)in_x0 * (size_t)cin, row_bytes);
            continue;
        }
        for (int32_t kx = 0; kx < k_w; ++kx) {
            const int32_t in_x = in_x0 + kx * dil_x;
            if (in_x < 0 || in_x >= in_w) {
                tg_fill_bytes(dst + kx * cin, zero_point, cin);
            } else {
                tg_copy_bytes(dst + kx * cin, row + (size_t)in_x * (size_t)cin, cin);
            }
        }
    }
}

#endif /* TG_IM2COL_S8_H */
