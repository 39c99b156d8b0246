// Track as a node: ids per stream from FaceDetect's items, births and deaths, bad messages.

#include "nodes/track_node.hpp"

#include <gtest/gtest.h>

#include "rill/core/testing.hpp"
#include "rill/vision/nodes.hpp"

namespace rill::vision {
namespace {

/// A message as FaceDetect leaves it: `items` with these boxes, from stream `stream`.
Envelope faces(std::uint64_t stream, std::vector<std::array<double, 4>> boxes) {
  List items;
  for (const auto& b : boxes) {
    Map item;
    item.set("bbox", Value(List{Value(b[0]), Value(b[1]), Value(b[2]), Value(b[3])}));
    item.set("score", Value(0.9));
    items.push_back(Value(std::move(item)));
  }
  Map m;
  m.set("items", Value(std::move(items)));
  Envelope e{Value(std::move(m))};
  e.info().set_from_addr(stream);
  return e;
}

std::vector<std::int64_t> tids(const Envelope& e) {
  std::vector<std::int64_t> out;
  for (const Value& t : e.msg().as_map().find("tracks")->as_list()) {
    out.push_back(t.as_map().find("tid")->as_int());
  }
  return out;
}

std::vector<std::int64_t> ints(const Envelope& e, const char* key) {
  std::vector<std::int64_t> out;
  for (const Value& v : e.msg().as_map().find(key)->as_list()) out.push_back(v.as_int());
  return out;
}

std::shared_ptr<Registry> registry() {
  auto r = std::make_shared<Registry>();
  register_vision_nodes(*r);
  return r;
}

TEST(TrackNode, KeepsIdsPerStreamAndReportsBirthsAndDeaths) {
  Map args;
  args.set("max_missed", Value(1));
  rill::testing::NodeHarness h(registry(), "Track", args);
  h.start();
  // Stream 1: a face drifting right, then gone for two frames (dies). Stream 2 beside it.
  h.send("inp", faces(1, {{10, 10, 50, 50}}));
  h.send("inp", faces(2, {{100, 100, 140, 140}}));
  h.send("inp", faces(1, {{12, 10, 52, 50}}));
  h.send("inp", faces(1, {}));
  h.send("inp", faces(1, {}));
  h.send("inp", faces(1, {{200, 10, 240, 50}}));
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  std::vector<Envelope> out = h.take("out");
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(tids(out[0]), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ints(out[0], "born"), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(tids(out[1]), (std::vector<std::int64_t>{1})) << "stream 2 has its own tracker";
  EXPECT_EQ(tids(out[2]), (std::vector<std::int64_t>{1})) << "the drifting face keeps its id";
  EXPECT_TRUE(ints(out[2], "born").empty());
  EXPECT_EQ(tids(out[3]), (std::vector<std::int64_t>{1})) << "one missed frame is allowed";
  EXPECT_TRUE(tids(out[4]).empty());
  EXPECT_EQ(ints(out[4], "died"), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(tids(out[5]), (std::vector<std::int64_t>{2})) << "a new face, a new id";
  EXPECT_TRUE(out[5].msg().as_map().find("items") != nullptr) << "the rest of the message stays";
}

TEST(TrackNode, AMessageWithoutItemsFailsWithAClearError) {
  rill::testing::NodeHarness h(registry(), "Track");
  h.start();
  Map m;
  m.set("data", Value(1));
  h.send("inp", Envelope(Value(std::move(m))));
  h.close("inp");
  h.drain();
  EXPECT_NE(h.error().find("no `items` list"), std::string::npos) << h.error();
}

}  // namespace
}  // namespace rill::vision
