/* General 4-D transpose of int8 data. Contract: tg_nn.h. */
#include "tg_nn.h"

#include <stddef.h>

void tg_transpose_s8(const int8_t *input, const tg_dims *input_dims, const int32_t perm[4], int8_t *output)
{
    const int32_t d[4] = { input_dims->n, input_dims->h, input_dims->w, input_dims->c };
    const size_t stride[4] = {
        (size_t)d[1] * (size_t)d[2] * (size_t)d[3],
        (size_t)d[2] * (size_t)d[3],
        (size_t)d[3],
        1u,
    };
    uint32_t seen = 0u;
    for (int32_t k = 0; k < 4; ++k) {
        if (perm[k] < 0 || perm[k] > 3 || d[k] < 0) {
            return; /* not a permutation of 0..3: outside the contract */
        }
        seen |= 1u << (uint32_t)perm[k];
    }
    if (seen != 0xFu) {
        return;
    }
    const int32_t o0 = d[perm[0]], o1 = d[perm[1]], o2 = d[perm[2]], o3 = d[perm[3]];
    const size_t s0 = stride[perm[0]], s1 = stride[perm[1]], s2 = stride[perm[2]], s3 = stride[perm[3]];
    int8_t *out = output;
    for (int32_t i0 = 0; i0 < o0; ++i0) {
        for (int32_t i1 = 0; i1 < o1; ++i1) {
            for (int32_t i2 = 0; i2 < o2; ++i2) {
                const int8_t *in = input + (size_t)i0 * s0 + (size_t)i1 * s1 + (size_t)i2 * s2;
                for (int32_t i3 = 0; i3 < o3; ++i3) {
                    *out++ = *in;
                    in += s3;
                }
            }
        }
    }
}
