// Reorder.

#include <algorithm>
#include <numeric>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "node_test_support.hpp"

namespace rill::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(Reorder, ShuffledIdsComeOutInOrderThenCleanEndOfStream) {
  for (unsigned seed = 0; seed < 20; ++seed) {
    SCOPED_TRACE(seed);
    NodeHarness h("Reorder");
    h.start();
    std::vector<std::uint64_t> ids(10);
    std::iota(ids.begin(), ids.end(), 0);
    std::mt19937 rng(seed);
    std::shuffle(ids.begin(), ids.end(), rng);
    for (std::uint64_t id : ids) h.send("inp", numbered(id));
    h.close("inp");
    h.drain();
    ASSERT_TRUE(h.finished());
    EXPECT_EQ(h.error(), "");
    std::vector<Envelope> out = h.take("out");
    ASSERT_EQ(out.size(), 10u);
    for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(out[i].info().partial_id(), i);
    EXPECT_TRUE(h.ended("out"));
  }
}

TEST(Reorder, EmitsAsSoonAsTheGapCloses) {
  NodeHarness h("Reorder");
  h.start();
  h.send("inp", numbered(1));
  h.send("inp", numbered(2));
  h.drain();
  EXPECT_TRUE(h.take("out").empty());  // waiting for 0
  h.send("inp", numbered(0));
  h.drain();
  std::vector<Envelope> out = h.take("out");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[2].info().partial_id(), 2u);
  h.send("inp", numbered(3));
  h.drain();
  EXPECT_EQ(h.take("out").size(), 1u);
  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
}

TEST(Reorder, DuplicateOfAnEmittedIdFails) {
  NodeHarness h("Reorder");
  h.start();
  h.send("inp", numbered(0));
  h.send("inp", numbered(1));
  h.send("inp", numbered(0));
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_THAT(h.error(), StartsWith("test/node: "));
  EXPECT_THAT(h.error(), HasSubstr("partial_id 0"));
}

TEST(Reorder, DuplicateOfABufferedIdFails) {
  NodeHarness h("Reorder");
  h.start();
  h.send("inp", numbered(3));
  h.send("inp", numbered(3));
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_THAT(h.error(), StartsWith("test/node: "));
  EXPECT_THAT(h.error(), HasSubstr("duplicate partial_id 3"));
}

TEST(Reorder, GapAtEndOfStreamFailsNamingTheMissingId) {
  NodeHarness h("Reorder");
  h.start();
  for (std::uint64_t id : {0, 1, 2, 4, 5}) h.send("inp", numbered(id));
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_THAT(h.error(), StartsWith("test/node: "));
  EXPECT_THAT(h.error(), HasSubstr("partial_id 3 missing"));
  EXPECT_EQ(h.take("out").size(), 3u);  // 0..2 went out before the failure
}

TEST(Reorder, MissingPartialIdFails) {
  NodeHarness h("Reorder");
  h.start();
  h.send("inp", msg(1));
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_THAT(h.error(), StartsWith("test/node: "));
  EXPECT_THAT(h.error(), HasSubstr("no partial_id"));
}

}  // namespace
}  // namespace rill::testing
