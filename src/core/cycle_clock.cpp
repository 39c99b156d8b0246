#include "cycle_clock.hpp"

#include <thread>

namespace rill::detail {

double CycleClock::ns_per_tick() {
  static const double value = [] {
#if defined(__aarch64__)
    std::uint64_t hz;
    asm volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    return hz > 0 ? 1e9 / static_cast<double>(hz) : 1.0;
#elif defined(__x86_64__) || defined(__i386__)
    // The TSC runs at a constant rate on every x86-64 CPU of the last fifteen years; measure it
    // against steady_clock over 5 ms (once per process, on first read of a statistic).
    auto t0 = std::chrono::steady_clock::now();
    std::uint64_t c0 = now();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto t1 = std::chrono::steady_clock::now();
    std::uint64_t c1 = now();
    auto ns =
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    return c1 > c0 ? ns / static_cast<double>(c1 - c0) : 1.0;
#else
    return 1.0;
#endif
  }();
  return value;
}

}  // namespace rill::detail
