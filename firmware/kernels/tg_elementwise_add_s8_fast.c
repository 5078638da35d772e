/* Elementwise add or subtract through per-input tables, four elements per word. Contract: tg_nn_fast.h. */
#include "tg_nn.h"
#include "tg_nn_fast.h"
#include "tg_checks.h"
#include "tg_math.h"
#include "tg_simd.h"

#include <stddef.h>

/* One output element from the input bytes' table entries. */
static inline uint32_t tg_add_finish(int32_t a, int32_t b, tg_add_output o)
{
    const int32_t res = tg_wrap_add(tg_requantize(tg_wrap_add(a, b), o.multiplier, o.shift), o.offset);
    return (uint32_t)(uint8_t)(int8_t)tg_clamp_i32(res, o.activation.min, o.activation.max);
}

tg_status tg_elementwise_add_s8_fast(const int8_t *input_1, const int32_t *table_1,
                                     const int8_t *input_2, const int32_t *table_2,
                                     const tg_add_output *out, int8_t *output,
                                     int32_t block_size, int32_t input_2_length)
{
    if (input_1 == NULL || table_1 == NULL || input_2 == NULL || table_2 == NULL || out == NULL || output == NULL ||
        block_size < 0 || input_2_length < 1 || block_size % input_2_length != 0 ||
        !tg_output_offset_ok(out->offset) || !tg_activation_ok(out->activation.min, out->activation.max)) {
        return TG_ARG_ERROR;
    }
    /* A copy: stores through output (char) could alias *out, so its fields would be reloaded per element. */
    const tg_add_output o = *out;
    /* Tables are indexed by the byte itself: entry u holds the value for the int8 code (int8_t)u. */
    if (input_2_length == block_size) {
        int32_t i = 0;
        for (; i + 4 <= block_size; i += 4) {
            const uint32_t x1 = tg_read_s8x4(input_1 + i);
            const uint32_t x2 = tg_read_s8x4(input_2 + i);
            uint32_t y = tg_add_finish(table_1[x1 & 0xffu], table_2[x2 & 0xffu], o);
            y |= tg_add_finish(table_1[(x1 >> 8) & 0xffu], table_2[(x2 >> 8) & 0xffu], o) << 8;
            y |= tg_add_finish(table_1[(x1 >> 16) & 0xffu], table_2[(x2 >> 16) & 0xffu], o) << 16;
            y |= tg_add_finish(table_1[x1 >> 24], table_2[x2 >> 24], o) << 24;
            tg_write_s8x4(output + i, y);
        }
        for (; i < block_size; ++i)
            output[i] = (int8_t)tg_add_finish(table_1[(uint8_t)input_1[i]], table_2[(uint8_t)input_2[i]], o);
        return TG_OK;
    }
    int32_t j = 0;
    for (int32_t i = 0; i < block_size; ++i) {
        output[i] = (int8_t)tg_add_finish(table_1[(uint8_t)input_1[i]], table_2[(uint8_t)input_2[j]], o);
        if (++j == input_2_length) j = 0;
    }
    return TG_OK;
}
