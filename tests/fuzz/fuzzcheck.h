#pragma once

#include <cstdio>
#include <cstdlib>

// A property a fuzz target checks: on failure, say which and abort (libFuzzer keeps the input as a crash;
// the replay main() fails).
#define FUZZ_CHECK(condition, ...)                                                                                     \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);                   \
            std::fprintf(stderr, "  " __VA_ARGS__);                                                                    \
            std::fprintf(stderr, "\n");                                                                                \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
