// Visualize as a node: tracks (else items) drawn into the message's BGR frame, in place.

#include "nodes/visualize_node.hpp"

#include <gtest/gtest.h>

#include "rill/core/frame.hpp"
#include "rill/core/testing.hpp"
#include "rill/vision/nodes.hpp"

namespace rill::vision {
namespace {

std::shared_ptr<Registry> registry() {
  auto r = std::make_shared<Registry>();
  register_vision_nodes(*r);
  return r;
}

Value box(double x0, double y0, double x1, double y1) {
  return Value(List{Value(x0), Value(y0), Value(x1), Value(y1)});
}

/// Pixels of `f` that are not black, inside [x0, x1) × [y0, y1).
int lit(const Frame& f, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = y0; y < y1; ++y) {
    const std::uint8_t* row = f.data() + f.stride() * static_cast<std::size_t>(y);
    for (int x = x0; x < x1; ++x) n += (row[3 * x] | row[3 * x + 1] | row[3 * x + 2]) != 0;
  }
  return n;
}

std::shared_ptr<const Frame> run(Map msg) {
  rill::testing::NodeHarness h(registry(), "Visualize");
  h.start();
  h.send("inp", Envelope(Value(std::move(msg))));
  h.close("inp");
  h.drain();
  EXPECT_EQ(h.error(), "");
  std::vector<Envelope> out = h.take("out");
  EXPECT_EQ(out.size(), 1u);
  return out.empty() ? nullptr : out[0].msg().as_map().find("data")->as_frame();
}

TEST(VisualizeNode, DrawsTheTracksInPlaceOnTheFrame) {
  std::shared_ptr<Frame> frame = Frame::allocate(PixelFormat::kBGR24, 200, 120);  // black
  Map track;
  track.set("tid", Value(7));
  track.set("bbox", box(40, 30, 120, 90));
  Map msg;
  msg.set("data", Value(std::shared_ptr<const Frame>(frame)));
  msg.set("tracks", Value(List{Value(std::move(track))}));
  std::shared_ptr<const Frame> out = run(std::move(msg));
  ASSERT_TRUE(out);
  EXPECT_EQ(out.get(), frame.get()) << "a BGR frame is drawn on in place";
  EXPECT_GT(lit(*out, 38, 28, 42, 92), 50) << "the left edge of the box";
  EXPECT_EQ(lit(*out, 60, 50, 100, 80), 0) << "the inside stays untouched";
  EXPECT_EQ(lit(*out, 150, 100, 200, 120), 0) << "far from the box nothing changes";
}

TEST(VisualizeNode, DrawsItemsWhenThereAreNoTracks) {
  std::shared_ptr<Frame> frame = Frame::allocate(PixelFormat::kBGR24, 200, 120);
  Map item;
  item.set("bbox", box(10, 20, 60, 80));
  item.set("score", Value(0.9));
  Map msg;
  msg.set("data", Value(std::shared_ptr<const Frame>(frame)));
  msg.set("items", Value(List{Value(std::move(item))}));
  std::shared_ptr<const Frame> out = run(std::move(msg));
  ASSERT_TRUE(out);
  EXPECT_GT(lit(*out, 8, 18, 12, 82), 50);
}

TEST(VisualizeNode, DrawsTheKeypointsOfItems) {
  std::shared_ptr<Frame> frame = Frame::allocate(PixelFormat::kBGR24, 200, 120);
  Map item;
  item.set("bbox", box(10, 10, 110, 110));
  item.set("keypoints", Value(List{Value(List{Value(60.0), Value(60.0)})}));
  Map msg;
  msg.set("data", Value(std::shared_ptr<const Frame>(frame)));
  msg.set("items", Value(List{Value(std::move(item))}));
  std::shared_ptr<const Frame> out = run(std::move(msg));
  ASSERT_TRUE(out);
  EXPECT_GT(lit(*out, 55, 55, 66, 66), 0) << "a mark at the keypoint, inside the box";
}

TEST(VisualizeNode, AMalformedBoxIsAClearError) {
  Map track;
  track.set("bbox", Value(List{Value(1), Value(2)}));
  Map msg;
  msg.set("data", Value(std::shared_ptr<const Frame>(Frame::allocate(PixelFormat::kBGR24, 8, 8))));
  msg.set("tracks", Value(List{Value(std::move(track))}));
  rill::testing::NodeHarness h(registry(), "Visualize");
  h.start();
  h.send("inp", Envelope(Value(std::move(msg))));
  h.close("inp");
  h.drain();
  EXPECT_NE(h.error().find("Visualize: a track has no `bbox` of 4 numbers"), std::string::npos)
      << h.error();
}

}  // namespace
}  // namespace rill::vision
