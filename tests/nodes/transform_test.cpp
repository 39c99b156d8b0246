// Transform, Noop, NoopProducer, NoopConsumer.

#include <gtest/gtest.h>

#include "node_test_support.hpp"

namespace rill::testing {
namespace {

TEST(Transform, ForwardsEveryEnvelopeUnchangedThenEndsStream) {
  for (const char* type : {"Transform", "Noop"}) {
    SCOPED_TRACE(type);
    NodeHarness h(type);
    h.start();
    for (int i = 0; i < 5; ++i) {
      Envelope e = msg(i);
      e.info().set_partial_id(100 + i);
      e.info().set_tag("t");
      ASSERT_EQ(h.send("inp", e), SendStatus::kOk);
    }
    h.close("inp");
    h.drain();
    ASSERT_TRUE(h.finished());
    EXPECT_EQ(h.error(), "");
    std::vector<Envelope> out = h.take("out");
    ASSERT_EQ(out.size(), 5u);
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(out[i].msg().as_int(), i);
      EXPECT_EQ(out[i].info().partial_id(), 100u + i);
      EXPECT_EQ(out[i].info().tag(), "t");
    }
    EXPECT_TRUE(h.ended("out"));
  }
}

TEST(Transform, ForwardsUnderBackpressureWithSmallChannels) {
  NodeHarness h("Transform", {}, {.cap = 1});
  h.start();
  std::vector<std::int64_t> got;
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(h.send("inp", msg(i)), SendStatus::kOk);
    h.drain();
    for (Envelope& e : h.take("out")) got.push_back(e.msg().as_int());
  }
  h.close("inp");
  h.drain();
  for (Envelope& e : h.take("out")) got.push_back(e.msg().as_int());
  EXPECT_TRUE(h.ended("out"));
  ASSERT_EQ(got.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(got[i], i);
  EXPECT_TRUE(h.finished());
}

TEST(Transform, ForwardsFlushMarkerAfterPrecedingMessages) {
  // Capacity-1 channels make order observable: a message the node is blocked sending is handed
  // over by take(), so what take() sees then shows whether the marker went out before it.
  NodeHarness h("Transform", {}, {.cap = 1});
  h.start();
  ASSERT_EQ(h.send("inp", msg(0)), SendStatus::kOk);
  h.drain();  // 0 fills `out`
  ASSERT_EQ(h.send("inp", msg(1)), SendStatus::kOk);
  h.send_marker("inp");
  h.drain();  // 1 waits for room on `out`, the marker waits behind it on `inp`
  ASSERT_EQ(h.send("inp", msg(2)), SendStatus::kOk);
  std::vector<Envelope> out = h.take("out");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].msg().as_int(), 0);
  EXPECT_EQ(out[1].msg().as_int(), 1);
  EXPECT_EQ(h.markers("out"), 0u);  // the marker has not overtaken 1

  h.drain();  // the marker follows 1, then 2
  out = h.take("out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].msg().as_int(), 2);
  EXPECT_EQ(h.markers("out"), 1u);

  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_TRUE(h.take("out").empty());
  EXPECT_EQ(h.markers("out"), 1u);
  EXPECT_TRUE(h.ended("out"));
}

TEST(NoopProducer, EmitsNothingAndEndsItsOutput) {
  NodeHarness h("NoopProducer");
  h.start();
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  EXPECT_TRUE(h.take("out").empty());
  EXPECT_TRUE(h.ended("out"));
}

TEST(NoopConsumer, DrainsItsInputSoProducersNeverBlock) {
  NodeHarness h("NoopConsumer", {}, {.cap = 2});
  h.start();
  int sent = 0;
  for (int i = 0; i < 100; ++i) {
    if (h.send("inp", msg(i)) == SendStatus::kFull) {
      h.drain();  // the consumer empties the channel
      ASSERT_EQ(h.send("inp", msg(i)), SendStatus::kOk) << i;
    }
    ++sent;
  }
  EXPECT_EQ(sent, 100);
  h.close("inp");
  h.drain();
  // It ends only after reading past every queued message to the end-of-stream.
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
}

TEST(Transform, UnconnectedInputEndsAtOnce) {
  NodeHarness h("Transform");
  h.ends("inp", {});
  h.start();
  h.drain();
  ASSERT_TRUE(h.finished());
  h.take("out");
  EXPECT_TRUE(h.ended("out"));
}

}  // namespace
}  // namespace rill::testing
