#pragma once
// A test-and-test-and-set spin lock for critical sections of a few dozen instructions
// (channel ring and waiter lists). Falls back to yielding so a preempted holder cannot make
// spinners burn a whole time slice.

#include <atomic>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RILL_CPU_RELAX() _mm_pause()
#else
#define RILL_CPU_RELAX() ((void)0)
#endif

namespace rill::detail {

/// Thread safety: the usual lock contract. Not recursive.
class SpinLock {
 public:
  void lock() noexcept {
    for (int spins = 0;; ++spins) {
      if (!locked_.exchange(true, std::memory_order_acquire)) return;
      while (locked_.load(std::memory_order_relaxed)) {
        if (++spins < 64) {
          RILL_CPU_RELAX();
        } else {
          std::this_thread::yield();
        }
      }
    }
  }
  bool try_lock() noexcept {
    return !locked_.load(std::memory_order_relaxed) &&
           !locked_.exchange(true, std::memory_order_acquire);
  }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

}  // namespace rill::detail
