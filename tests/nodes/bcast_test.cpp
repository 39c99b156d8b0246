// Bcast.

#include <gtest/gtest.h>

#include "node_harness.hpp"

namespace rill::testing {
namespace {

TEST(Bcast, SendsACopyOfEachEnvelopeToEveryOutput) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("Bcast");
  auto [in_tx, in_rx] = make_channel<Envelope>(16);
  n.ctx->bind_input("inp", std::move(in_rx));
  std::vector<Receiver<Envelope>> outs;
  for (int i = 0; i < 3; ++i) {
    auto [tx, rx] = make_channel<Envelope>(16);
    n.ctx->bind_output("out", std::move(tx));
    outs.push_back(std::move(rx));
  }
  n.ctx->seal();
  for (int i = 0; i < 4; ++i) {
    Envelope e = msg(i);
    e.info().set_to_addr(7);
    in_tx.try_send(e);
  }
  in_tx.release();
  auto run = start(ex, n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  for (auto& rx : outs) {
    Drained d = take_all(rx);
    ASSERT_EQ(d.values.size(), 4u);
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(d.values[i].msg().as_int(), i);
      EXPECT_EQ(d.values[i].info().to_addr(), 7u);
    }
    EXPECT_TRUE(d.ended);
  }
}

TEST(Bcast, CopiesShareThePayload) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("Bcast");
  auto [in_tx, in_rx] = make_channel<Envelope>(4);
  auto [tx_a, rx_a] = make_channel<Envelope>(4);
  auto [tx_b, rx_b] = make_channel<Envelope>(4);
  n.ctx->bind_input("inp", std::move(in_rx));
  n.ctx->bind_output("out", std::move(tx_a));
  n.ctx->bind_output("out", std::move(tx_b));
  n.ctx->seal();
  in_tx.try_send(Envelope(Value(List{Value(1), Value(2), Value(3)})));
  in_tx.release();
  auto run = start(ex, n);
  ex.drain();
  Drained a = take_all(rx_a);
  Drained b = take_all(rx_b);
  ASSERT_EQ(a.values.size(), 1u);
  ASSERT_EQ(b.values.size(), 1u);
  EXPECT_EQ(&a.values[0].msg().as_list(), &b.values[0].msg().as_list());
}

TEST(Bcast, OutputsFollowTagOrder) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("Bcast");
  auto [in_tx, in_rx] = make_channel<Envelope>(4);
  auto [tx1, rx1] = make_channel<Envelope>(1);
  auto [tx0, rx0] = make_channel<Envelope>(1);
  n.ctx->bind_input("inp", std::move(in_rx));
  n.ctx->bind_output("out", std::move(tx1), 1);
  n.ctx->bind_output("out", std::move(tx0), 0);
  n.ctx->seal();
  in_tx.try_send(msg(1));
  in_tx.try_send(msg(2));
  auto run = start(ex, n);
  ex.drain();
  // Both capacity-1 outputs hold message 1 and the node is blocked sending message 2. Sends go
  // in port (tag) order, so it is blocked on tag 0: freeing tag 1 lets nothing through.
  std::optional<Envelope> e;
  ASSERT_EQ(rx1.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(e->msg().as_int(), 1);
  ex.drain();
  EXPECT_EQ(rx1.try_recv(e), RecvStatus::kEmpty);
  ASSERT_EQ(rx0.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(e->msg().as_int(), 1);
  ex.drain();
  ASSERT_EQ(rx0.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(e->msg().as_int(), 2);
  ASSERT_EQ(rx1.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(e->msg().as_int(), 2);
  in_tx.release();
  ex.drain();
  EXPECT_TRUE(run->done);
}

TEST(Bcast, WithoutOutputsDiscardsAndEnds) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("Bcast");
  auto [in_tx, in_rx] = make_channel<Envelope>(4);
  n.ctx->bind_input("inp", std::move(in_rx));
  n.ctx->seal();
  in_tx.try_send(msg(1));
  in_tx.release();
  auto run = start(ex, n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
}

}  // namespace
}  // namespace rill::testing
