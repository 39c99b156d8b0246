// Demux.

#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "node_test_support.hpp"

namespace rill::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Envelope addressed(std::int64_t v, std::optional<std::uint64_t> to) {
  Envelope e = msg(v);
  e.info().set_to_addr(to);
  return e;
}

/// A started Demux with output tags 0..tags-1, wired in reverse order on purpose.
struct DemuxSetup {
  NodeHarness h{"Demux"};
  int tags;

  explicit DemuxSetup(int n) : tags(n) {
    std::vector<std::optional<std::uint64_t>> order;
    for (int t = n - 1; t >= 0; --t) order.emplace_back(t);
    h.ends("out", std::move(order));
    h.start();
  }
  /// The harness end that has tag `tag`.
  [[nodiscard]] std::size_t end_of(int tag) const {
    return static_cast<std::size_t>(tags - 1 - tag);
  }
};

TEST(Demux, RoutesToAddrZeroToOutputTagZero) {
  DemuxSetup s(1);
  s.h.send("inp", addressed(42, 0));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
  std::vector<Envelope> out = s.h.take("out", s.end_of(0));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].msg().as_int(), 42);
  EXPECT_EQ(out[0].info().to_addr(), 0u);
  EXPECT_TRUE(s.h.ended("out", s.end_of(0)));
}

TEST(Demux, RoutesEvenAndOddToTheirTags) {
  DemuxSetup s(2);
  for (int i = 0; i < 10; ++i) s.h.send("inp", addressed(i, i % 2));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  for (int tag = 0; tag < 2; ++tag) {
    SCOPED_TRACE(tag);
    std::vector<Envelope> out = s.h.take("out", s.end_of(tag));
    ASSERT_EQ(out.size(), 5u);
    for (int j = 0; j < 5; ++j) EXPECT_EQ(out[j].msg().as_int(), 2 * j + tag);
    EXPECT_TRUE(s.h.ended("out", s.end_of(tag)));
  }
}

TEST(Demux, DropsEnvelopesForAnUnknownTagAndKeepsRouting) {
  DemuxSetup s(2);
  s.h.send("inp", addressed(1, 7));
  s.h.send("inp", addressed(2, 1));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
  EXPECT_TRUE(s.h.take("out", s.end_of(0)).empty());
  std::vector<Envelope> out = s.h.take("out", s.end_of(1));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].msg().as_int(), 2);
}

TEST(Demux, MissingToAddrFailsTheNodeWithAClearMessage) {
  DemuxSetup s(1);
  s.h.send("inp", addressed(1, std::nullopt));
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_THAT(s.h.error(), StartsWith("test/node: "));
  EXPECT_THAT(s.h.error(), HasSubstr("to_addr"));
  s.h.take("out", s.end_of(0));
  EXPECT_TRUE(s.h.ended("out", s.end_of(0)));  // outputs released after the failure
}

}  // namespace
}  // namespace rill::testing
