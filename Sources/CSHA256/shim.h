#ifndef CSHA256_SHIM_H
#define CSHA256_SHIM_H
/* SHA-256's block function on the CPU's SHA extensions (x86-64 SHA-NI), for the audit chain:
   `check` and the seeder hash every event, and in Swift the rounds cost about as much as the
   rest of the chain pass. The header only reaches instructions Swift cannot name; the Swift
   SHA256 type stays the one implementation of the algorithm and its padding, and the one used
   where these instructions are missing (tg_sha256_available says which).
   The rounds follow Intel's published sequence for these instructions (sha256rnds2 two rounds
   at a time on the state as ABEF/CDGH, sha256msg1/msg2 for the message schedule). */
#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

/* 1 when the CPU has SHA-NI, SSSE3 and SSE4.1. */
static inline int tg_sha256_available(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19))) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & (1u << 29)) != 0;
}

static const uint32_t tg_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* `blocks` 64-byte blocks of `data` into `state` (h0…h7). Only when tg_sha256_available(). */
__attribute__((target("sha,sse4.1,ssse3")))
static inline void tg_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1); /* CDAB */
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); /* EFGH */
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);    /* ABEF */
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);         /* CDGH */
    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef = state0, cdgh = state1;
        __m128i w[4];
        for (int j = 0; j < 16; j++) {
            __m128i words;
            if (j < 4) {
                words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * j)), mask);
            } else {
                /* W[4j…4j+3] from the four groups before it (the slot of j-4 is read before reuse). */
                __m128i t = _mm_sha256msg1_epu32(w[(j - 4) & 3], w[(j - 3) & 3]);
                t = _mm_add_epi32(t, _mm_alignr_epi8(w[(j - 1) & 3], w[(j - 2) & 3], 4));
                words = _mm_sha256msg2_epu32(t, w[(j - 1) & 3]);
            }
            w[j & 3] = words;
            __m128i m = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&tg_sha256_k[4 * j]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, m);
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(m, 0x0E));
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B);               /* FEBA */
    state1 = _mm_shuffle_epi32(state1, 0xB1);            /* DCHG */
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);         /* DCBA */
    state1 = _mm_alignr_epi8(state1, tmp, 8);            /* ABEF */
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}
#else
static inline int tg_sha256_available(void) { return 0; }
static inline void tg_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) { (void)state; (void)data; (void)blocks; }
#endif
#endif
