// Event: one-shot signal for coroutines and host threads; the host thread's timed wait.

#include "rill/core/event.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

namespace rill {
namespace {

using namespace std::chrono_literals;

TEST(Event, TimedWaitReturnsFalseWhenNotSetByTheDeadline) {
  Event ev;
  EXPECT_FALSE(ev.wait_blocking_for(5ms));
  EXPECT_FALSE(ev.is_set());
  ev.set();
  EXPECT_TRUE(ev.wait_blocking_for(0ms));  // already set: at once
}

TEST(Event, TimedWaitWakesWhenAnotherThreadSetsIt) {
  Event ev;
  std::thread setter([&] {
    std::this_thread::sleep_for(5ms);
    ev.set();
  });
  EXPECT_TRUE(ev.wait_blocking_for(60s));
  setter.join();
}

// set() racing the deadline: whichever wins, the waiter is never touched after it returned (the
// sanitizer builds would see a use-after-return) and the result says whether it was set.
TEST(Event, TimedWaitRacingSetIsSafe) {
  for (int i = 0; i < 300; ++i) {
    Event ev;
    std::thread setter([&] { ev.set(); });
    const bool got = ev.wait_blocking_for(std::chrono::milliseconds(i % 2));
    setter.join();
    if (got) {
      EXPECT_TRUE(ev.is_set());
    }
    EXPECT_TRUE(ev.wait_blocking_for(0ms));
  }
}

}  // namespace
}  // namespace rill
