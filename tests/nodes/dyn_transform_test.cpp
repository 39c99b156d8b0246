// DynOutTransform and DynInTransform, against fake dyn ports.

#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "fake_dyn_ports.hpp"
#include "node_harness.hpp"

namespace rill::testing {
namespace {

using namespace std::chrono_literals;

// ---- DynOutTransform ----

struct DynOutSetup {
  NodeUnderTest n = make_node("DynOutTransform");
  Sender<Envelope> in;
  FakeDynOutput* out = nullptr;

  DynOutSetup() {
    auto [tx, rx] = make_channel<Envelope>(64);
    in = std::move(tx);
    n.ctx->bind_input("inp", std::move(rx));
    auto fake = std::make_unique<FakeDynOutput>(4);
    out = fake.get();
    n.ctx->bind_dyn_output("out", std::move(fake));
    n.ctx->seal();
  }
};

TEST(DynOutTransform, ForwardsEverythingIntoOneInstance) {
  ManualExecutor ex;
  DynOutSetup s;
  for (int i = 0; i < 10; ++i) s.in.try_send(msg(i));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  ASSERT_EQ(s.out->created.size(), 1u);
  const auto& inst = s.out->created[0];
  EXPECT_EQ(inst->key(), 0u);
  EXPECT_FALSE(inst->tag().has_value());  // default alternative
  ASSERT_EQ(inst->received.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(inst->received[i].msg().as_int(), i);
  EXPECT_EQ(inst->close_calls, 1);
}

TEST(DynOutTransform, EndOfStreamClosesTheInstanceAndWaitsForIt) {
  ManualExecutor ex;
  DynOutSetup s;
  s.out->hold_new = true;
  s.in.try_send(msg(1));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_EQ(s.out->created[0]->close_calls, 1);
  EXPECT_FALSE(run->done);
  s.out->created[0]->release();
  ex.drain();
  EXPECT_TRUE(run->done);
}

TEST(DynOutTransform, FlushMarkerReachesTheInstance) {
  ManualExecutor ex;
  DynOutSetup s;
  s.in.try_send(msg(1));
  s.in.send_marker();
  s.in.try_send(msg(2));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_EQ(s.out->created[0]->markers, 1);
  EXPECT_EQ(s.out->created[0]->received.size(), 2u);
}

// ---- DynInTransform ----

struct DynInSetup {
  NodeUnderTest n = make_node("DynInTransform");
  FakeDynInput* in = nullptr;
  Receiver<Envelope> out;

  explicit DynInSetup(std::size_t out_cap = 256) {
    auto fake = std::make_unique<FakeDynInput>();
    in = fake.get();
    n.ctx->bind_dyn_input("inp", std::move(fake));
    auto [tx, rx] = make_channel<Envelope>(out_cap);
    out = std::move(rx);
    n.ctx->bind_output("out", std::move(tx));
    n.ctx->seal();
  }

  /// Announces a new instance with key `key`; returns the sender of its output.
  Sender<Envelope> add_instance(std::uint64_t key) {
    auto [tx, rx] = make_channel<Envelope>(8);
    in->add(key, std::move(rx));
    return std::move(tx);
  }
};

TEST(DynInTransform, MergesTheOutputsOfAllInstancesConcurrently) {
  ManualExecutor ex;
  DynInSetup s;
  Sender<Envelope> idle = s.add_instance(0);  // open, silent: must not hold the others back
  Sender<Envelope> a = s.add_instance(1);
  Sender<Envelope> b = s.add_instance(2);
  auto run = start(ex, s.n);
  for (int i = 0; i < 3; ++i) {
    a.try_send(msg(100 + i));
    b.try_send(msg(200 + i));
  }
  ex.drain();
  Drained d = take_all(s.out);
  std::map<std::int64_t, std::vector<std::int64_t>> by_instance;
  for (const Envelope& e : d.values) by_instance[e.msg().as_int() / 100].push_back(e.msg().as_int());
  EXPECT_EQ(by_instance[1], (std::vector<std::int64_t>{100, 101, 102}));
  EXPECT_EQ(by_instance[2], (std::vector<std::int64_t>{200, 201, 202}));
  EXPECT_FALSE(d.ended);

  a.release();
  b.release();
  idle.release();
  ex.drain();
  EXPECT_FALSE(run->done);  // more instances may still appear
  s.in->finish();
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  EXPECT_TRUE(take_all(s.out).ended);
}

TEST(DynInTransform, EndsOnlyAfterEveryInstanceOutputEnded) {
  ManualExecutor ex;
  DynInSetup s;
  Sender<Envelope> a = s.add_instance(1);
  s.in->finish();
  auto run = start(ex, s.n);
  ex.drain();
  EXPECT_FALSE(run->done);  // no more instances, but instance 1 is still producing
  a.try_send(msg(7));
  a.release();
  ex.drain();
  ASSERT_TRUE(run->done);
  Drained d = take_all(s.out);
  ASSERT_EQ(d.values.size(), 1u);
  EXPECT_EQ(d.values[0].msg().as_int(), 7);
  EXPECT_TRUE(d.ended);
}

TEST(DynInTransform, MergesFlushMarkersOncePerMarkerOfEveryLiveInstance) {
  ManualExecutor ex;
  DynInSetup s;
  Sender<Envelope> a = s.add_instance(1);
  Sender<Envelope> b = s.add_instance(2);
  auto run = start(ex, s.n);
  a.try_send(msg(1));
  a.send_marker();
  ex.drain();
  int markers = 0;
  Drained d = take_all(s.out, &markers);
  EXPECT_EQ(d.values.size(), 1u);
  EXPECT_EQ(markers, 0);  // instance 2 has not flushed yet

  b.try_send(msg(2));
  b.send_marker();
  ex.drain();
  std::optional<Envelope> e;
  ASSERT_EQ(s.out.try_recv(e), RecvStatus::kValue);  // 2 goes out before the merged marker
  EXPECT_EQ(e->msg().as_int(), 2);
  EXPECT_EQ(s.out.try_recv(e), RecvStatus::kMarker);
  EXPECT_EQ(s.out.try_recv(e), RecvStatus::kEmpty);

  // An instance that ends no longer holds markers back.
  a.send_marker();
  ex.drain();
  EXPECT_EQ(s.out.try_recv(e), RecvStatus::kEmpty);
  b.release();
  ex.drain();
  EXPECT_EQ(s.out.try_recv(e), RecvStatus::kMarker);

  a.release();
  s.in->finish();
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(s.out.try_recv(e), RecvStatus::kEnd);
}

TEST(DynInTransform, ForwardsEverythingOnAThreadPool) {
  ThreadPool pool(pool_options("dyn_in_test", 2));
  DynInSetup s(/*out_cap=*/4);
  constexpr int kInstances = 4;
  constexpr int kPerInstance = 500;
  std::vector<Sender<Envelope>> senders;
  for (int k = 0; k < kInstances; ++k) senders.push_back(s.add_instance(k));
  s.in->finish();
  auto run = start(pool, s.n);
  std::vector<std::thread> producers;
  for (int k = 0; k < kInstances; ++k) {
    producers.emplace_back([tx = std::move(senders[k]), k]() mutable {
      for (int i = 0; i < kPerInstance; ++i) tx.send_blocking(msg(k * 100000 + i));
      tx.release();
    });
  }
  std::map<std::int64_t, std::int64_t> next;  // instance → next expected value
  int total = 0;
  while (std::optional<Envelope> e = s.out.recv_blocking()) {
    std::int64_t v = e->msg().as_int();
    EXPECT_EQ(v % 100000, next[v / 100000]++);  // per-instance order kept
    ++total;
  }
  for (auto& t : producers) t.join();
  EXPECT_EQ(total, kInstances * kPerInstance);
  ASSERT_TRUE(run->finished.wait_blocking_for(5000ms));
  EXPECT_EQ(run->error_message(), "");
}

}  // namespace
}  // namespace rill::testing
