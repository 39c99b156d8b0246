#pragma once
// Which sanitizer this translation unit is built with, whatever the compiler: gcc defines
// __SANITIZE_ADDRESS__ / __SANITIZE_THREAD__, clang answers __has_feature instead. Code that
// adapts to a sanitizer (fiber annotations, skipped tests) tests RILL_ASAN / RILL_TSAN only.

#if defined(__SANITIZE_ADDRESS__)
#define RILL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RILL_ASAN 1
#endif
#endif

#if defined(__SANITIZE_THREAD__)
#define RILL_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RILL_TSAN 1
#endif
#endif
