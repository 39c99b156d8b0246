// Transform, Noop, NoopProducer, NoopConsumer.

#include <gtest/gtest.h>

#include "node_harness.hpp"

namespace rill::testing {
namespace {

TEST(Transform, ForwardsEveryEnvelopeUnchangedThenEndsStream) {
  for (const char* type : {"Transform", "Noop"}) {
    SCOPED_TRACE(type);
    ManualExecutor ex;
    NodeUnderTest n = make_node(type);
    auto [in_tx, in_rx] = make_channel<Envelope>(16);
    auto [out_tx, out_rx] = make_channel<Envelope>(16);
    n.ctx->bind_input("inp", std::move(in_rx));
    n.ctx->bind_output("out", std::move(out_tx));
    n.ctx->seal();
    for (int i = 0; i < 5; ++i) {
      Envelope e = msg(i);
      e.info().set_partial_id(100 + i);
      e.info().set_tag("t");
      ASSERT_EQ(in_tx.try_send(e), SendStatus::kOk);
    }
    in_tx.release();
    auto run = start(ex, n);
    ex.drain();
    ASSERT_TRUE(run->done);
    EXPECT_EQ(run->error_message(), "");
    Drained out = take_all(out_rx);
    ASSERT_EQ(out.values.size(), 5u);
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(out.values[i].msg().as_int(), i);
      EXPECT_EQ(out.values[i].info().partial_id(), 100u + i);
      EXPECT_EQ(out.values[i].info().tag(), "t");
    }
    EXPECT_TRUE(out.ended);
  }
}

TEST(Transform, ForwardsUnderBackpressureWithSmallChannels) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("Transform");
  auto [in_tx, in_rx] = make_channel<Envelope>(1);
  auto [out_tx, out_rx] = make_channel<Envelope>(1);
  n.ctx->bind_input("inp", std::move(in_rx));
  n.ctx->bind_output("out", std::move(out_tx));
  n.ctx->seal();
  auto run = start(ex, n);
  std::vector<std::int64_t> got;
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(in_tx.try_send(msg(i)), SendStatus::kOk);
    ex.drain();
    for (Envelope& e : take_all(out_rx).values) got.push_back(e.msg().as_int());
  }
  in_tx.release();
  ex.drain();
  Drained rest = take_all(out_rx);
  for (Envelope& e : rest.values) got.push_back(e.msg().as_int());
  EXPECT_TRUE(rest.ended);
  ASSERT_EQ(got.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(got[i], i);
  EXPECT_TRUE(run->done);
}

TEST(Transform, ForwardsFlushMarkerAfterPrecedingMessages) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("Transform");
  auto [in_tx, in_rx] = make_channel<Envelope>(16);
  auto [out_tx, out_rx] = make_channel<Envelope>(16);
  n.ctx->bind_input("inp", std::move(in_rx));
  n.ctx->bind_output("out", std::move(out_tx));
  n.ctx->seal();
  in_tx.try_send(msg(1));
  in_tx.send_marker();
  in_tx.try_send(msg(2));
  in_tx.release();
  auto run = start(ex, n);
  ex.drain();
  ASSERT_TRUE(run->done);
  std::optional<Envelope> e;
  ASSERT_EQ(out_rx.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(e->msg().as_int(), 1);
  EXPECT_EQ(out_rx.try_recv(e), RecvStatus::kMarker);
  ASSERT_EQ(out_rx.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(e->msg().as_int(), 2);
  EXPECT_EQ(out_rx.try_recv(e), RecvStatus::kEnd);
}

TEST(NoopProducer, EmitsNothingAndEndsItsOutput) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("NoopProducer");
  auto [out_tx, out_rx] = make_channel<Envelope>(4);
  n.ctx->bind_output("out", std::move(out_tx));
  n.ctx->seal();
  auto run = start(ex, n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  Drained out = take_all(out_rx);
  EXPECT_TRUE(out.values.empty());
  EXPECT_TRUE(out.ended);
}

Task<> produce(Sender<Envelope> tx, int n, int* sent) {
  for (int i = 0; i < n; ++i) {
    if (co_await tx.send(msg(i)) == SendStatus::kOk) ++*sent;
  }
}

TEST(NoopConsumer, DrainsItsInputSoProducersNeverBlock) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("NoopConsumer");
  auto [in_tx, in_rx] = make_channel<Envelope>(2);
  n.ctx->bind_input("inp", std::move(in_rx));
  n.ctx->seal();
  int sent = 0;
  spawn(ex, produce(std::move(in_tx), 100, &sent));
  auto run = start(ex, n);
  ex.drain();
  EXPECT_EQ(sent, 100);
  ASSERT_TRUE(run->done);
  EXPECT_EQ(n.ctx->input("inp").received(), 100u);
}

TEST(Transform, UnconnectedInputEndsAtOnce) {
  ManualExecutor ex;
  NodeUnderTest n = make_node("Transform");
  auto [out_tx, out_rx] = make_channel<Envelope>(4);
  n.ctx->bind_output("out", std::move(out_tx));
  n.ctx->seal();
  auto run = start(ex, n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_TRUE(take_all(out_rx).ended);
}

}  // namespace
}  // namespace rill::testing
