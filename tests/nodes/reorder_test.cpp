// Reorder.

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "node_harness.hpp"

namespace rill::testing {
namespace {

Envelope numbered(std::uint64_t id) {
  Envelope e = msg(static_cast<std::int64_t>(id));
  e.info().set_partial_id(id);
  return e;
}

struct ReorderSetup {
  NodeUnderTest n = make_node("Reorder");
  Sender<Envelope> in;
  Receiver<Envelope> out;

  ReorderSetup() {
    auto [tx, rx] = make_channel<Envelope>(1024);
    auto [otx, orx] = make_channel<Envelope>(1024);
    in = std::move(tx);
    out = std::move(orx);
    n.ctx->bind_input("inp", std::move(rx));
    n.ctx->bind_output("out", std::move(otx));
    n.ctx->seal();
  }
};

TEST(Reorder, ShuffledIdsComeOutInOrderThenCleanEndOfStream) {
  for (unsigned seed = 0; seed < 20; ++seed) {
    SCOPED_TRACE(seed);
    ManualExecutor ex;
    ReorderSetup s;
    std::vector<std::uint64_t> ids(10);
    std::iota(ids.begin(), ids.end(), 0);
    std::mt19937 rng(seed);
    std::shuffle(ids.begin(), ids.end(), rng);
    for (std::uint64_t id : ids) s.in.try_send(numbered(id));
    s.in.release();
    auto run = start(ex, s.n);
    ex.drain();
    ASSERT_TRUE(run->done);
    EXPECT_EQ(run->error_message(), "");
    Drained d = take_all(s.out);
    ASSERT_EQ(d.values.size(), 10u);
    for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(d.values[i].info().partial_id(), i);
    EXPECT_TRUE(d.ended);
  }
}

TEST(Reorder, EmitsAsSoonAsTheGapCloses) {
  ManualExecutor ex;
  ReorderSetup s;
  auto run = start(ex, s.n);
  s.in.try_send(numbered(1));
  s.in.try_send(numbered(2));
  ex.drain();
  EXPECT_TRUE(take_all(s.out).values.empty());  // waiting for 0
  s.in.try_send(numbered(0));
  ex.drain();
  Drained d = take_all(s.out);
  ASSERT_EQ(d.values.size(), 3u);
  EXPECT_EQ(d.values[2].info().partial_id(), 2u);
  s.in.try_send(numbered(3));
  ex.drain();
  EXPECT_EQ(take_all(s.out).values.size(), 1u);
  s.in.release();
  ex.drain();
  EXPECT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
}

TEST(Reorder, DuplicateOfAnEmittedIdFails) {
  ManualExecutor ex;
  ReorderSetup s;
  s.in.try_send(numbered(0));
  s.in.try_send(numbered(1));
  s.in.try_send(numbered(0));
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_NE(run->error_message().find("partial_id 0"), std::string::npos) << run->error_message();
}

TEST(Reorder, DuplicateOfABufferedIdFails) {
  ManualExecutor ex;
  ReorderSetup s;
  s.in.try_send(numbered(3));
  s.in.try_send(numbered(3));
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_NE(run->error_message().find("duplicate partial_id 3"), std::string::npos)
      << run->error_message();
}

TEST(Reorder, GapAtEndOfStreamFailsNamingTheMissingId) {
  ManualExecutor ex;
  ReorderSetup s;
  for (std::uint64_t id : {0, 1, 2, 4, 5}) s.in.try_send(numbered(id));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_NE(run->error_message().find("partial_id 3 missing"), std::string::npos)
      << run->error_message();
  EXPECT_EQ(take_all(s.out).values.size(), 3u);  // 0..2 went out before the failure
}

TEST(Reorder, MissingPartialIdFails) {
  ManualExecutor ex;
  ReorderSetup s;
  s.in.try_send(msg(1));
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_NE(run->error_message().find("no partial_id"), std::string::npos) << run->error_message();
}

}  // namespace
}  // namespace rill::testing
