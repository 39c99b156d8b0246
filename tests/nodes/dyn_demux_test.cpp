// DynDemux: the per-key dynamic-instance protocol (docs/nodes.md), against a fake DynOutput.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fake_dyn_ports.hpp"
#include "node_test_support.hpp"

namespace rill::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Envelope keyed(std::int64_t v, std::uint64_t key, std::optional<std::string> tag = {}) {
  Envelope e = msg(v);
  e.info().set_to_addr(key);
  if (tag) e.info().set_tag(std::move(tag));
  return e;
}

Envelope close_key(std::uint64_t key) {
  Info info;
  info.set_to_addr(key);
  return Envelope::empty_with(std::move(info));
}

/// A started DynDemux whose `out:dyn` is a FakeDynOutput.
struct DynDemuxSetup {
  NodeHarness h{"DynDemux", {}, {.cap = 4096}};
  std::shared_ptr<DynOutputLog> out = std::make_shared<DynOutputLog>();

  explicit DynDemuxSetup(bool hold_new = false) {
    out->hold_new = hold_new;  // instances cannot finish until released
    h.dyn_output("out", std::make_unique<FakeDynOutput>(out, 16));
    h.start();
  }
};

std::vector<std::int64_t> ints(const std::vector<Envelope>& es) {
  std::vector<std::int64_t> v;
  for (const Envelope& e : es) v.push_back(e.msg().as_int());
  return v;
}

TEST(DynDemux, CreatesOneInstancePerKeyWithTheFirstEnvelopesTag) {
  DynDemuxSetup s;
  constexpr std::uint64_t kKeys = 300;
  for (int round = 0; round < 3; ++round) {
    for (std::uint64_t key = 0; key < kKeys; ++key) {
      // Later rounds carry another tag: only the first envelope of a key chooses the graph.
      std::string tag = round > 0 ? "Ignored" : (key % 2 ? "TransGraph1" : "TransGraph0");
      ASSERT_EQ(s.h.send("inp", keyed(static_cast<std::int64_t>(key * 10 + round), key, tag)),
                SendStatus::kOk);
    }
  }
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
  ASSERT_EQ(s.out->created.size(), kKeys);
  for (std::uint64_t key = 0; key < kKeys; ++key) {
    const auto& inst = s.out->created[key];
    EXPECT_EQ(inst->key(), key);
    EXPECT_EQ(inst->tag(), key % 2 ? "TransGraph1" : "TransGraph0");
    const auto k = static_cast<std::int64_t>(key);
    EXPECT_EQ(ints(inst->received), (std::vector<std::int64_t>{k * 10, k * 10 + 1, k * 10 + 2}));
    for (const Envelope& e : inst->received) EXPECT_EQ(e.info().to_addr(), key);  // info kept
    EXPECT_EQ(inst->close_calls, 1);  // closed at end-of-stream
    EXPECT_TRUE(inst->done());
  }
}

TEST(DynDemux, EmptyEnvelopeClosesOnlyThatInstanceWithoutBlockingRouting) {
  DynDemuxSetup s(/*hold_new=*/true);
  s.h.send("inp", keyed(10, 1));
  s.h.send("inp", keyed(20, 2));
  s.h.send("inp", close_key(1));
  s.h.send("inp", keyed(21, 2));
  s.h.send("inp", keyed(30, 3));
  s.h.drain();

  ASSERT_EQ(s.out->created.size(), 3u);  // key 3 was routed while key 1 was still draining
  auto one = s.out->for_key(1).at(0);
  auto two = s.out->for_key(2).at(0);
  auto three = s.out->for_key(3).at(0);
  EXPECT_EQ(one->close_calls, 1);
  EXPECT_FALSE(one->done());
  EXPECT_EQ(two->close_calls, 0);
  EXPECT_EQ(three->close_calls, 0);
  EXPECT_FALSE(s.h.finished());

  for (const auto& inst : s.out->created) inst->release();
  s.h.drain();
  EXPECT_TRUE(one->done());
  EXPECT_EQ(ints(one->received), (std::vector<std::int64_t>{10}));  // empty envelope not forwarded
  EXPECT_FALSE(two->done());
  EXPECT_EQ(ints(two->received), (std::vector<std::int64_t>{20, 21}));
  EXPECT_FALSE(s.h.finished());

  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
  EXPECT_TRUE(two->done());
  EXPECT_TRUE(three->done());
  EXPECT_EQ(one->close_calls, 1);  // not closed a second time at end-of-stream
}

TEST(DynDemux, DataAfterEmptyEnvelopeCreatesAFreshInstance) {
  DynDemuxSetup s;
  s.h.send("inp", keyed(1, 5, "A"));
  s.h.send("inp", close_key(5));
  s.h.send("inp", keyed(2, 5, "B"));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  auto five = s.out->for_key(5);
  ASSERT_EQ(five.size(), 2u);
  EXPECT_EQ(five[0]->tag(), "A");
  EXPECT_EQ(five[1]->tag(), "B");
  EXPECT_EQ(ints(five[0]->received), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ints(five[1]->received), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(five[0]->done());
  EXPECT_TRUE(five[1]->done());
}

TEST(DynDemux, EmptyEnvelopeForAnUnknownKeyIsIgnored) {
  DynDemuxSetup s;
  s.h.send("inp", close_key(9));
  s.h.send("inp", keyed(1, 1));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_EQ(s.out->created[0]->key(), 1u);
}

TEST(DynDemux, EndOfStreamClosesRemainingInstancesAndWaitsForThem) {
  DynDemuxSetup s(/*hold_new=*/true);
  s.h.send("inp", keyed(1, 1));
  s.h.send("inp", keyed(2, 2));
  s.h.send("inp", close_key(2));
  s.h.close("inp");
  s.h.drain();
  ASSERT_EQ(s.out->created.size(), 2u);
  for (const auto& inst : s.out->created) EXPECT_EQ(inst->close_calls, 1);
  EXPECT_FALSE(s.h.finished());  // both instances (also the one closed earlier) still running

  s.out->created[0]->release();
  s.h.drain();
  EXPECT_FALSE(s.h.finished());  // key 2 still running
  s.out->created[1]->release();
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
}

TEST(DynDemux, FlushMarkerReachesInstancesAndKeepsThemOpen) {
  DynDemuxSetup s;
  s.h.send("inp", keyed(1, 1));
  s.h.send_marker("inp");
  s.h.send("inp", keyed(2, 1));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  ASSERT_EQ(s.out->created.size(), 1u);  // not closed and recreated by the marker
  EXPECT_EQ(s.out->markers_sent, 1);     // the driver forwarded it through the dyn port
  EXPECT_EQ(s.out->created[0]->markers, 1);
  EXPECT_EQ(ints(s.out->created[0]->received), (std::vector<std::int64_t>{1, 2}));
}

TEST(DynDemux, MissingToAddrFailsTheNode) {
  DynDemuxSetup s;
  s.h.send("inp", keyed(1, 1));
  s.h.send("inp", msg(2));
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_THAT(s.h.error(), StartsWith("test/node: "));
  EXPECT_THAT(s.h.error(), HasSubstr("to_addr"));
  // finalize closed the instance left open, so it does not wait forever for more input.
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_TRUE(s.out->created[0]->done());
}

}  // namespace
}  // namespace rill::testing
