// Shaper as a node: one best shot per track, when the track dies or the input ends; the crop is
// the box's pixels of the best frame, copied; streams kept apart.

#include "nodes/shaper_node.hpp"

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

/// A 64x48 BGR frame of `stream` whose pixel (x, y) is (x, y, index): a crop tells where in
/// which frame it came from.
std::shared_ptr<Frame> frame(std::int64_t stream, std::int64_t index) {
  std::shared_ptr<Frame> f = Frame::allocate(PixelFormat::kBGR24, 64, 48);
  f->stream_id = stream;
  f->frame_index = index;
  f->pts = index * 40;
  f->time_base = {1, 1000};
  for (int y = 0; y < f->height(); ++y) {
    std::uint8_t* row = f->data() + f->stride() * static_cast<std::size_t>(y);
    for (int x = 0; x < f->width(); ++x) {
      row[3 * x] = static_cast<std::uint8_t>(x);
      row[3 * x + 1] = static_cast<std::uint8_t>(y);
      row[3 * x + 2] = static_cast<std::uint8_t>(index);
    }
  }
  return f;
}

struct Seen {
  std::int64_t tid;
  std::array<double, 4> box;
  double score;
};

/// A message as Track leaves it: a frame, `tracks` and `died`.
Envelope tracked(std::shared_ptr<Frame> f, std::vector<Seen> tracks,
                 std::vector<std::int64_t> died = {}) {
  List ts;
  for (const Seen& s : tracks) {
    Map t;
    t.set("tid", Value(s.tid));
    t.set("bbox", Value(List{Value(s.box[0]), Value(s.box[1]), Value(s.box[2]), Value(s.box[3])}));
    t.set("score", Value(s.score));
    ts.push_back(Value(std::move(t)));
  }
  List ds;
  for (std::int64_t d : died) ds.push_back(Value(d));
  Map m;
  m.set("data", Value(std::shared_ptr<const Frame>(std::move(f))));
  m.set("extra_data", Value("gate"));
  m.set("tracks", Value(std::move(ts)));
  m.set("died", Value(std::move(ds)));
  Envelope e{Value(std::move(m))};
  e.info().set_partial_id(static_cast<std::uint64_t>(e.msg().get("data")->as_frame()->frame_index));
  return e;
}

const Map& msg(const Envelope& e) { return e.msg().as_map(); }

std::vector<double> numbers(const Value& v) {
  std::vector<double> out;
  for (const Value& x : v.as_list()) out.push_back(x.as_double());
  return out;
}

/// The pixel (x, y) of a BGR frame.
std::array<int, 3> pixel(const Frame& f, int x, int y) {
  const std::uint8_t* p = f.data() + f.stride() * static_cast<std::size_t>(y) + 3 * x;
  return {p[0], p[1], p[2]};
}

TEST(ShaperNode, SendsATracksBestShotOnceWhenItDies) {
  rill::testing::NodeHarness h(registry(), "Shaper");
  h.start();
  std::shared_ptr<Frame> best = frame(1, 1);
  h.send("inp", tracked(frame(1, 0), {{1, {10, 10, 30, 30}, 0.9}}));
  h.send("inp", tracked(best, {{1, {10, 10, 40, 40}, 0.9}}));  // larger: the best
  h.send("inp", tracked(frame(1, 2), {{1, {10, 10, 35, 35}, 0.9}}));
  h.drain();
  EXPECT_TRUE(h.take("shots").empty()) << "nothing while the track lives";
  // A later node draws over the best frame: the kept shot is a copy, so it does not change.
  std::fill(best->data(), best->data() + best->stride() * 48, std::uint8_t{255});
  h.send("inp", tracked(frame(1, 3), {}, {1}));
  h.send("inp", tracked(frame(1, 4), {}));
  h.drain();
  std::vector<Envelope> shots = h.take("shots");
  ASSERT_EQ(shots.size(), 1u);
  const Map& s = msg(shots[0]);
  EXPECT_EQ(s.find("tid")->as_int(), 1);
  EXPECT_EQ(numbers(*s.find("bbox")), (std::vector<double>{10, 10, 40, 40}));
  EXPECT_DOUBLE_EQ(s.find("score")->as_double(), 0.9f);
  EXPECT_EQ(s.find("stream")->as_int(), 1);
  EXPECT_EQ(s.find("frame")->as_int(), 1);
  EXPECT_EQ(s.find("extra_data")->as_string(), "gate");
  EXPECT_EQ(shots[0].info().partial_id(), 1u) << "the shot carries its sighting's Info";
  const Frame& crop = *s.find("data")->as_frame();
  EXPECT_EQ(crop.format(), PixelFormat::kBGR24);
  ASSERT_EQ(crop.width(), 30);
  ASSERT_EQ(crop.height(), 30);
  EXPECT_EQ(pixel(crop, 0, 0), (std::array<int, 3>{10, 10, 1})) << "the region of frame 1";
  EXPECT_EQ(pixel(crop, 29, 29), (std::array<int, 3>{39, 39, 1}));
  EXPECT_EQ(crop.stream_id, 1);
  EXPECT_EQ(crop.frame_index, 1);
  EXPECT_DOUBLE_EQ(crop.seconds(), 0.04);
  EXPECT_EQ(h.take("out").size(), 5u) << "every message goes on";

  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  EXPECT_TRUE(h.take("shots").empty()) << "a finished track is not sent again at the end";
}

TEST(ShaperNode, SendsTheTracksStillAliveWhenTheInputEnds) {
  rill::testing::NodeHarness h(registry(), "Shaper");
  h.start();
  h.send("inp", tracked(frame(1, 0), {{1, {0, 0, 20, 20}, 0.8}, {2, {30, 10, 60, 40}, 0.7}}));
  h.send("inp", tracked(frame(1, 1), {{2, {30, 10, 50, 30}, 0.7}}));
  h.drain();
  EXPECT_TRUE(h.take("shots").empty());
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  std::vector<Envelope> shots = h.take("shots");
  ASSERT_EQ(shots.size(), 2u) << "one per live track, by id";
  EXPECT_EQ(msg(shots[0]).find("tid")->as_int(), 1);
  EXPECT_EQ(msg(shots[1]).find("tid")->as_int(), 2);
  EXPECT_EQ(msg(shots[1]).find("frame")->as_int(), 0) << "track 2 was largest in frame 0";
  const Frame& crop = *msg(shots[1]).find("data")->as_frame();
  EXPECT_EQ(crop.width(), 30);
  EXPECT_EQ(pixel(crop, 0, 0), (std::array<int, 3>{30, 10, 0}));
  EXPECT_TRUE(h.ended("shots"));
}

TEST(ShaperNode, KeepsEachStreamsTracksApart) {
  rill::testing::NodeHarness h(registry(), "Shaper");
  h.start();
  // Both streams have a track 1 (ids are per stream); stream 2's is larger.
  h.send("inp", tracked(frame(1, 0), {{1, {0, 0, 10, 10}, 0.9}}));
  h.send("inp", tracked(frame(2, 0), {{1, {20, 20, 50, 40}, 0.9}}));
  h.send("inp", tracked(frame(1, 1), {}, {1}));  // stream 1's track 1 dies
  h.drain();
  std::vector<Envelope> shots = h.take("shots");
  ASSERT_EQ(shots.size(), 1u);
  EXPECT_EQ(msg(shots[0]).find("stream")->as_int(), 1);
  EXPECT_EQ(msg(shots[0]).find("data")->as_frame()->width(), 10) << "stream 1's own shot";
  h.close("inp");
  h.drain();
  shots = h.take("shots");
  ASSERT_EQ(shots.size(), 1u) << "stream 2's track 1 lived on until the end";
  EXPECT_EQ(msg(shots[0]).find("stream")->as_int(), 2);
  const Frame& crop = *msg(shots[0]).find("data")->as_frame();
  EXPECT_EQ(crop.width(), 30);
  EXPECT_EQ(crop.height(), 20);
  EXPECT_EQ(pixel(crop, 0, 0), (std::array<int, 3>{20, 20, 0}));
}

TEST(ShaperNode, AMessageWithoutTracksFailsWithAClearError) {
  rill::testing::NodeHarness h(registry(), "Shaper");
  h.start();
  Map m;
  m.set("data", Value(std::shared_ptr<const Frame>(frame(1, 0))));
  h.send("inp", Envelope(Value(std::move(m))));
  h.close("inp");
  h.drain();
  EXPECT_NE(h.error().find("no `tracks` list (put Track first)"), std::string::npos) << h.error();
}

}  // namespace
}  // namespace rill::vision
