// Batch.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "node_harness.hpp"

namespace rill::testing {
namespace {

using namespace std::chrono_literals;

Envelope numbered(std::uint64_t id) {
  Envelope e = msg(static_cast<std::int64_t>(id));
  e.info().set_partial_id(id);
  return e;
}

struct BatchSetup {
  NodeUnderTest n;
  Sender<Envelope> in;
  Receiver<Envelope> out;

  explicit BatchSetup(Map args) : n(make_node("Batch", std::move(args))) {
    auto [tx, rx] = make_channel<Envelope>(64);
    auto [otx, orx] = make_channel<Envelope>(64);
    in = std::move(tx);
    out = std::move(orx);
    n.ctx->bind_input("inp", std::move(rx));
    n.ctx->bind_output("out", std::move(otx));
    n.ctx->seal();
  }
};

std::vector<std::int64_t> ints(const Envelope& batch) {
  std::vector<std::int64_t> v;
  for (const Value& m : batch.msg().as_list()) v.push_back(m.as_int());
  return v;
}

TEST(Batch, GroupsTwentyThreeItemsIntoFivesAndARemainderThenEnds) {
  ManualExecutor ex;
  BatchSetup s(Map{{"batch_size", Value(5)}, {"timeout", Value(2000)}});
  for (std::uint64_t i = 0; i < 23; ++i) s.in.try_send(numbered(i));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  Drained d = take_all(s.out);
  ASSERT_EQ(d.values.size(), 5u);
  const std::size_t sizes[] = {5, 5, 5, 5, 3};
  for (std::size_t b = 0; b < 5; ++b) {
    std::vector<std::int64_t> got = ints(d.values[b]);
    ASSERT_EQ(got.size(), sizes[b]);
    for (std::size_t j = 0; j < got.size(); ++j) EXPECT_EQ(got[j], static_cast<std::int64_t>(5 * b + j));
    EXPECT_EQ(d.values[b].info().partial_id(), 5 * b);  // info of the batch's first message
  }
  EXPECT_TRUE(d.ended);
}

TEST(Batch, FullBatchesGoOutWithoutWaitingForTheTimeout) {
  ManualExecutor ex;
  BatchSetup s(Map{{"batch_size", Value(4)}, {"timeout", Value(60'000)}});
  for (std::uint64_t i = 0; i < 8; ++i) s.in.try_send(numbered(i));
  auto run = start(ex, s.n);
  ex.drain();
  EXPECT_EQ(take_all(s.out).values.size(), 2u);  // input still open, a minute of timeout left
  s.in.release();
  ex.drain();
  EXPECT_TRUE(run->done);
}

TEST(Batch, PartialBatchIsFlushedAtTheTimeout) {
  ThreadPool pool(pool_options("batch_test", 1));
  BatchSetup s(Map{{"batch_size", Value(5)}, {"timeout", Value(50)}});
  for (std::uint64_t i = 0; i < 3; ++i) s.in.try_send(numbered(i));
  const auto t0 = std::chrono::steady_clock::now();
  auto run = start(pool, s.n);
  std::optional<Envelope> first = s.out.recv_blocking();  // input stays open
  const auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(ints(*first), (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_GE(waited, 45ms);  // it waited for more before giving up
  EXPECT_FALSE(run->done.load());

  s.in.send_blocking(numbered(3));
  s.in.send_blocking(numbered(4));
  s.in.release();
  // On a loaded machine the next window may close between the two sends, so the rest may come
  // as one batch or two; either way it is exactly {3, 4}, in order, then end-of-stream.
  std::vector<std::int64_t> rest;
  while (std::optional<Envelope> more = s.out.recv_blocking()) {
    for (std::int64_t v : ints(*more)) rest.push_back(v);
  }
  EXPECT_EQ(rest, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(s.out.last_status(), RecvStatus::kEnd);
  ASSERT_TRUE(run->finished.wait_blocking_for(5000ms));
  EXPECT_EQ(run->error_message(), "");
}

TEST(Batch, EmitsNothingForATimeoutWithoutMessages) {
  ThreadPool pool(pool_options("batch_test", 1));
  BatchSetup s(Map{{"batch_size", Value(5)}, {"timeout", Value(5)}});
  auto run = start(pool, s.n);
  std::this_thread::sleep_for(60ms);  // several empty timeout windows pass
  s.in.send_blocking(numbered(9));
  s.in.release();
  std::optional<Envelope> only = s.out.recv_blocking();
  ASSERT_TRUE(only.has_value());
  EXPECT_EQ(ints(*only), (std::vector<std::int64_t>{9}));
  EXPECT_FALSE(s.out.recv_blocking().has_value());
  ASSERT_TRUE(run->finished.wait_blocking_for(5000ms));
}

TEST(Batch, FlushMarkerEmitsThePartialBatchBeforeTheMarker) {
  ManualExecutor ex;
  BatchSetup s(Map{{"batch_size", Value(5)}, {"timeout", Value(60'000)}});
  for (std::uint64_t i = 0; i < 3; ++i) s.in.try_send(numbered(i));
  s.in.send_marker();
  s.in.try_send(numbered(3));
  s.in.try_send(numbered(4));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  std::optional<Envelope> e;
  ASSERT_EQ(s.out.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(ints(*e), (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(s.out.try_recv(e), RecvStatus::kMarker);
  ASSERT_EQ(s.out.try_recv(e), RecvStatus::kValue);
  EXPECT_EQ(ints(*e), (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(s.out.try_recv(e), RecvStatus::kEnd);
}

TEST(Batch, EmptyEnvelopeContributesNull) {
  ManualExecutor ex;
  BatchSetup s(Map{{"batch_size", Value(2)}});
  s.in.try_send(Envelope::empty_with(Info{}));
  s.in.try_send(msg(1));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  Drained d = take_all(s.out);
  ASSERT_EQ(d.values.size(), 1u);
  const List& l = d.values[0].msg().as_list();
  ASSERT_EQ(l.size(), 2u);
  EXPECT_TRUE(l[0].is_null());
  EXPECT_EQ(l[1].as_int(), 1);
}

TEST(Batch, DefaultsToBatchesOfEight) {
  ManualExecutor ex;
  BatchSetup s(Map{});
  for (std::uint64_t i = 0; i < 10; ++i) s.in.try_send(numbered(i));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  Drained d = take_all(s.out);
  ASSERT_EQ(d.values.size(), 2u);
  EXPECT_EQ(d.values[0].msg().as_list().size(), 8u);
  EXPECT_EQ(d.values[1].msg().as_list().size(), 2u);
}

TEST(Batch, RejectsBadArguments) {
  EXPECT_THROW(make_node("Batch", Map{{"batch_size", Value(0)}}), std::runtime_error);
  EXPECT_THROW(make_node("Batch", Map{{"batch_size", Value("four")}}), std::runtime_error);
  EXPECT_THROW(make_node("Batch", Map{{"timeout", Value(-1)}}), std::runtime_error);
  EXPECT_NO_THROW(make_node("Batch", Map{{"timeout", Value(2.5)}}));
}

}  // namespace
}  // namespace rill::testing
