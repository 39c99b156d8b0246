// Bcast.

#include <gtest/gtest.h>

#include "node_test_support.hpp"

namespace rill::testing {
namespace {

TEST(Bcast, SendsACopyOfEachEnvelopeToEveryOutput) {
  NodeHarness h("Bcast");
  h.ends("out", {std::nullopt, std::nullopt, std::nullopt});
  h.start();
  for (int i = 0; i < 4; ++i) {
    Envelope e = msg(i);
    e.info().set_to_addr(7);
    h.send("inp", e);
  }
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  for (std::size_t end = 0; end < 3; ++end) {
    SCOPED_TRACE(end);
    std::vector<Envelope> out = h.take("out", end);
    ASSERT_EQ(out.size(), 4u);
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(out[i].msg().as_int(), i);
      EXPECT_EQ(out[i].info().to_addr(), 7u);
    }
    EXPECT_TRUE(h.ended("out", end));
  }
}

TEST(Bcast, CopiesShareThePayload) {
  NodeHarness h("Bcast");
  h.ends("out", {std::nullopt, std::nullopt});
  h.start();
  h.send("inp", Envelope(Value(List{Value(1), Value(2), Value(3)})));
  h.close("inp");
  h.drain();
  std::vector<Envelope> a = h.take("out", 0);
  std::vector<Envelope> b = h.take("out", 1);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(&a[0].msg().as_list(), &b[0].msg().as_list());
}

TEST(Bcast, OutputsFollowTagOrder) {
  // Harness end 0 is tag 1 and end 1 is tag 0: wired out of order on purpose.
  NodeHarness h("Bcast", {}, {.cap = 1});
  h.ends("out", {1, 0});
  constexpr std::size_t kTag1 = 0;
  constexpr std::size_t kTag0 = 1;
  h.start();
  ASSERT_EQ(h.send("inp", msg(1)), SendStatus::kOk);
  h.drain();
  ASSERT_EQ(h.send("inp", msg(2)), SendStatus::kOk);
  h.drain();
  // Both capacity-1 outputs hold message 1 and the node is blocked sending message 2. Sends go
  // in port (tag) order, so it is blocked on tag 0: freeing tag 1 lets nothing through.
  std::vector<Envelope> got = h.take("out", kTag1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].msg().as_int(), 1);
  h.drain();
  EXPECT_TRUE(h.take("out", kTag1).empty());
  // Taking 1 from tag 0 makes room for the blocked 2 there; then the node sends 2 to tag 1.
  got = h.take("out", kTag0);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].msg().as_int(), 1);
  EXPECT_EQ(got[1].msg().as_int(), 2);
  EXPECT_TRUE(h.take("out", kTag1).empty());
  h.drain();
  got = h.take("out", kTag1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].msg().as_int(), 2);
  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
}

TEST(Bcast, WithoutOutputsDiscardsAndEnds) {
  NodeHarness h("Bcast");
  h.ends("out", {});
  h.start();
  h.send("inp", msg(1));
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
}

}  // namespace
}  // namespace rill::testing
