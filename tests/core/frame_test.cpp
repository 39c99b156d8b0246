// Frame geometry (planes) and as_bgr: one conversion per frame, whoever asks.

#include "rill/core/frame.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace rill {
namespace {

TEST(Frame, ContiguousYuv420pHasThreePlanesAfterEachOther) {
  auto f = Frame::allocate(PixelFormat::kYUV420P, 6, 4);
  ASSERT_EQ(f->plane_count(), 3u);
  EXPECT_EQ(f->plane(0).stride, 6u);
  EXPECT_EQ(f->plane(1).data, f->data() + 24);
  EXPECT_EQ(f->plane(1).stride, 3u);
  EXPECT_EQ(f->plane(2).data, f->data() + 24 + 6);
  EXPECT_EQ(f->plane(2).stride, 3u);
}

TEST(Frame, BufferSmallerThanItsGeometryIsRefused) {
  EXPECT_THROW(Frame(Buffer::allocate(10), PixelFormat::kBGR24, 4, 4, 12), std::invalid_argument);
  EXPECT_THROW(Frame(Buffer::allocate(16), PixelFormat::kYUV420P, 4, 4, 4), std::invalid_argument);
}

TEST(Frame, RgbAndGrayConvertToBgrWithoutAConverter) {
  auto rgb = Frame::allocate(PixelFormat::kRGB24, 2, 1);
  rgb->data()[0] = 10;  // R
  rgb->data()[1] = 20;  // G
  rgb->data()[2] = 30;  // B
  rgb->pts = 7;
  rgb->time_base = {1, 25};
  auto bgr = as_bgr(rgb);
  EXPECT_EQ(bgr->format(), PixelFormat::kBGR24);
  EXPECT_EQ(bgr->data()[0], 30);
  EXPECT_EQ(bgr->data()[1], 20);
  EXPECT_EQ(bgr->data()[2], 10);
  EXPECT_EQ(bgr->pts, 7);
  EXPECT_DOUBLE_EQ(bgr->seconds(), 7.0 / 25) << "the time base travels with the pts";

  auto gray = Frame::allocate(PixelFormat::kGRAY8, 1, 1);
  gray->data()[0] = 99;
  auto g = as_bgr(gray);
  EXPECT_EQ(g->data()[0], 99);
  EXPECT_EQ(g->data()[2], 99);
}

TEST(Frame, SecondsAreUnknownWithoutPtsOrTimeBase) {
  auto f = Frame::allocate(PixelFormat::kGRAY8, 1, 1);
  EXPECT_EQ(f->seconds(), -1);
  f->pts = 50;
  EXPECT_EQ(f->seconds(), -1) << "no time base";
  f->time_base = {1, 1000};
  EXPECT_DOUBLE_EQ(f->seconds(), 0.05);
}

TEST(Frame, BgrFrameIsItsOwnBgr) {
  std::shared_ptr<const Frame> f = Frame::allocate(PixelFormat::kBGR24, 2, 2);
  EXPECT_EQ(as_bgr(f), f);
}

TEST(Frame, YuvWithoutAConverterIsAClearError) {
  std::shared_ptr<const Frame> f = Frame::allocate(PixelFormat::kNV12, 2, 2);
  try {
    as_bgr(f);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("nv12 frame has no converter"), std::string::npos);
  }
}

/// Fills BGR with the frame's first luma byte and counts its calls.
class CountingConverter final : public PixelConverter {
 public:
  std::shared_ptr<Frame> to_bgr(const Frame& f) const override {
    calls.fetch_add(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // widen the race window
    auto out = Frame::allocate(PixelFormat::kBGR24, f.width(), f.height());
    out->data()[0] = f.data()[0];
    return out;
  }
  mutable std::atomic<int> calls{0};
};

TEST(Frame, ConcurrentRequestsShareOneConversion) {
  auto conv = std::make_shared<CountingConverter>();
  auto yuv = Frame::allocate(PixelFormat::kYUV420P, 4, 4);
  yuv->data()[0] = 42;
  yuv->frame_index = 3;
  yuv->set_converter(conv);
  std::shared_ptr<const Frame> f = yuv;
  std::vector<std::shared_ptr<const Frame>> got(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] { got[i] = as_bgr(f); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(conv->calls.load(), 1);
  for (const auto& g : got) {
    EXPECT_EQ(g, got[0]);
    EXPECT_EQ(g->data()[0], 42);
    EXPECT_EQ(g->frame_index, 3);
  }
  Frame copy = *yuv;  // copies share the cache too
  EXPECT_TRUE(copy.has_converter());
}

}  // namespace
}  // namespace rill
