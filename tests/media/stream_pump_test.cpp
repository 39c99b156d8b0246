// StreamControl: what a stream's pump and whoever started it share (the pump itself runs under
// VideoInput in video_input_test.cpp and rtsp_test.cpp).

#include "rill/media/stream_pump.hpp"

#include <thread>

#include <gtest/gtest.h>

namespace rill::media {
namespace {

using State = StreamControl::State;
using std::chrono::milliseconds;

TEST(StreamControl, WaitStartedReturnsAtTheFirstChangeNotAtTheDeadline) {
  StreamControl c;
  std::thread pump([&c] {
    std::this_thread::sleep_for(milliseconds(20));
    c.set_state(State::kFailed, "cannot open: refused");
  });
  // A generous deadline: the wait must end with the failure, long before it.
  EXPECT_EQ(c.wait_started(milliseconds(60'000)), State::kFailed);
  pump.join();
  EXPECT_EQ(c.error(), "cannot open: refused");
}

TEST(StreamControl, WaitStartedGivesUpAtItsDeadlineWhileTheStreamIsStillOpening) {
  StreamControl c;
  EXPECT_EQ(c.wait_started(milliseconds(1)), State::kOpening);
  c.set_state(State::kRunning);
  EXPECT_EQ(c.wait_started(milliseconds(1)), State::kRunning);
  EXPECT_EQ(c.error(), "");
}

TEST(StreamControl, StopIsSeenByThePump) {
  StreamControl c;
  EXPECT_FALSE(c.stop_requested());
  c.stop();
  EXPECT_TRUE(c.stop_requested());
}

}  // namespace
}  // namespace rill::media
