// Demux.

#include <gtest/gtest.h>

#include "node_harness.hpp"

namespace rill::testing {
namespace {

Envelope addressed(std::int64_t v, std::optional<std::uint64_t> to) {
  Envelope e = msg(v);
  e.info().set_to_addr(to);
  return e;
}

struct DemuxSetup {
  NodeUnderTest n = make_node("Demux");
  Sender<Envelope> in;
  std::vector<Receiver<Envelope>> outs;  // index = tag

  explicit DemuxSetup(int tags) {
    auto [tx, rx] = make_channel<Envelope>(64);
    in = std::move(tx);
    n.ctx->bind_input("inp", std::move(rx));
    for (int t = tags - 1; t >= 0; --t) {  // bound out of order on purpose
      auto [otx, orx] = make_channel<Envelope>(64);
      n.ctx->bind_output("out", std::move(otx), t);
      outs.insert(outs.begin(), std::move(orx));
    }
    n.ctx->seal();
  }
};

TEST(Demux, RoutesToAddrZeroToOutputTagZero) {
  ManualExecutor ex;
  DemuxSetup s(1);
  s.in.try_send(addressed(42, 0));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  Drained d = take_all(s.outs[0]);
  ASSERT_EQ(d.values.size(), 1u);
  EXPECT_EQ(d.values[0].msg().as_int(), 42);
  EXPECT_EQ(d.values[0].info().to_addr(), 0u);
  EXPECT_TRUE(d.ended);
}

TEST(Demux, RoutesEvenAndOddToTheirTags) {
  ManualExecutor ex;
  DemuxSetup s(2);
  for (int i = 0; i < 10; ++i) s.in.try_send(addressed(i, i % 2));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  for (int tag = 0; tag < 2; ++tag) {
    Drained d = take_all(s.outs[tag]);
    ASSERT_EQ(d.values.size(), 5u);
    for (int j = 0; j < 5; ++j) EXPECT_EQ(d.values[j].msg().as_int(), 2 * j + tag);
    EXPECT_TRUE(d.ended);
  }
}

TEST(Demux, DropsEnvelopesForAnUnknownTagAndKeepsRouting) {
  ManualExecutor ex;
  DemuxSetup s(2);
  s.in.try_send(addressed(1, 7));
  s.in.try_send(addressed(2, 1));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  EXPECT_TRUE(take_all(s.outs[0]).values.empty());
  Drained d = take_all(s.outs[1]);
  ASSERT_EQ(d.values.size(), 1u);
  EXPECT_EQ(d.values[0].msg().as_int(), 2);
}

TEST(Demux, MissingToAddrFailsTheNodeWithAClearMessage) {
  ManualExecutor ex;
  DemuxSetup s(1);
  s.in.try_send(addressed(1, std::nullopt));
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_NE(run->error_message().find("to_addr"), std::string::npos) << run->error_message();
  EXPECT_TRUE(take_all(s.outs[0]).ended);  // outputs released after the failure
}

}  // namespace
}  // namespace rill::testing
