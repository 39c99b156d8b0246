#pragma once
// CycleClock: the cheapest monotonic tick counter of the CPU, for timing every exec call of
// every node. Two clock_gettime calls per call would cost more than a whole channel hop of a
// fast chain, so ticks are read directly where the architecture has a user-readable counter
// (x86-64: TSC; aarch64: the generic timer's virtual count, whose frequency the CPU states) and
// std::chrono::steady_clock elsewhere. Ticks become nanoseconds only when statistics are read.

#include <chrono>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace rill::detail {

struct CycleClock {
  /// Ticks since an arbitrary epoch; monotonic on one machine.
  static std::uint64_t now() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    return __rdtsc();
#elif defined(__aarch64__)
    std::uint64_t v;
    asm volatile("mrs %0, cntvct_el0" : "=r"(v));
    return v;
#else
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          std::chrono::steady_clock::now().time_since_epoch())
                                          .count());
#endif
  }

  /// Nanoseconds per tick (calibrated once on x86, read from the CPU on aarch64, 1 elsewhere).
  static double ns_per_tick();

  static std::uint64_t to_ns(std::uint64_t ticks) {
    return static_cast<std::uint64_t>(static_cast<double>(ticks) * ns_per_tick());
  }
};

}  // namespace rill::detail
