// DynOutTransform and DynInTransform, against fake dyn ports.

#include <chrono>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "fake_dyn_ports.hpp"
#include "node_test_support.hpp"

namespace rill::testing {
namespace {

using namespace std::chrono_literals;

// ---- DynOutTransform ----

/// A started DynOutTransform whose `out:dyn` is a FakeDynOutput.
struct DynOutSetup {
  NodeHarness h{"DynOutTransform", {}, {.cap = 64}};
  std::shared_ptr<DynOutputLog> out = std::make_shared<DynOutputLog>();

  explicit DynOutSetup(bool hold_new = false) {
    out->hold_new = hold_new;
    h.dyn_output("out", std::make_unique<FakeDynOutput>(out, 4));
    h.start();
  }
};

TEST(DynOutTransform, ForwardsEverythingIntoOneInstance) {
  DynOutSetup s;
  for (int i = 0; i < 10; ++i) s.h.send("inp", msg(i));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
  ASSERT_EQ(s.out->created.size(), 1u);
  const auto& inst = s.out->created[0];
  EXPECT_EQ(inst->key(), 0u);
  EXPECT_FALSE(inst->tag().has_value());  // default alternative
  ASSERT_EQ(inst->received.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(inst->received[i].msg().as_int(), i);
  EXPECT_EQ(inst->close_calls, 1);
}

TEST(DynOutTransform, EndOfStreamClosesTheInstanceAndWaitsForIt) {
  DynOutSetup s(/*hold_new=*/true);
  s.h.send("inp", msg(1));
  s.h.close("inp");
  s.h.drain();
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_EQ(s.out->created[0]->close_calls, 1);
  EXPECT_FALSE(s.h.finished());
  s.out->created[0]->release();
  s.h.drain();
  EXPECT_TRUE(s.h.finished());
}

TEST(DynOutTransform, FlushMarkerReachesTheInstance) {
  DynOutSetup s;
  s.h.send("inp", msg(1));
  s.h.send_marker("inp");
  s.h.send("inp", msg(2));
  s.h.close("inp");
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_EQ(s.out->markers_sent, 1);
  EXPECT_EQ(s.out->created[0]->markers, 1);
  EXPECT_EQ(s.out->created[0]->received.size(), 2u);
}

// ---- DynInTransform ----

/// A DynInTransform whose `inp:dyn` the test announces instances on; start() is left to the
/// test.
struct DynInSetup {
  NodeHarness h;
  DynInputFeed in;

  explicit DynInSetup(HarnessOptions options = {}) : h("DynInTransform", {}, std::move(options)) {
    h.dyn_input("inp", in.port());
  }

  /// Announces a new instance with key `key`; returns the sender of its output.
  Sender<Envelope> add_instance(std::uint64_t key) {
    auto [tx, rx] = make_channel<Envelope>(8);
    in.add(key, std::move(rx));
    return std::move(tx);
  }
};

TEST(DynInTransform, MergesTheOutputsOfAllInstancesConcurrently) {
  DynInSetup s;
  Sender<Envelope> idle = s.add_instance(0);  // open, silent: must not hold the others back
  Sender<Envelope> a = s.add_instance(1);
  Sender<Envelope> b = s.add_instance(2);
  s.h.start();
  for (int i = 0; i < 3; ++i) {
    a.try_send(msg(100 + i));
    b.try_send(msg(200 + i));
  }
  s.h.drain();
  std::map<std::int64_t, std::vector<std::int64_t>> by_instance;
  for (const Envelope& e : s.h.take("out")) {
    by_instance[e.msg().as_int() / 100].push_back(e.msg().as_int());
  }
  EXPECT_EQ(by_instance[1], (std::vector<std::int64_t>{100, 101, 102}));
  EXPECT_EQ(by_instance[2], (std::vector<std::int64_t>{200, 201, 202}));
  EXPECT_FALSE(s.h.ended("out"));

  a.release();
  b.release();
  idle.release();
  s.h.drain();
  EXPECT_FALSE(s.h.finished());  // more instances may still appear
  s.in.finish();
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_EQ(s.h.error(), "");
  EXPECT_TRUE(s.h.take("out").empty());
  EXPECT_TRUE(s.h.ended("out"));
}

TEST(DynInTransform, EndsOnlyAfterEveryInstanceOutputEnded) {
  DynInSetup s;
  Sender<Envelope> a = s.add_instance(1);
  s.in.finish();
  s.h.start();
  s.h.drain();
  EXPECT_FALSE(s.h.finished());  // no more instances, but instance 1 is still producing
  a.try_send(msg(7));
  a.release();
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  std::vector<Envelope> out = s.h.take("out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].msg().as_int(), 7);
  EXPECT_TRUE(s.h.ended("out"));
}

TEST(DynInTransform, MergesFlushMarkersOncePerMarkerOfEveryLiveInstance) {
  // A capacity-1 `out` makes order observable: a message the node is blocked sending is handed
  // over by take(), so what take() sees then shows whether the merged marker went out before it.
  DynInSetup s({.cap = 1});
  Sender<Envelope> a = s.add_instance(1);
  Sender<Envelope> b = s.add_instance(2);
  s.h.start();
  a.try_send(msg(1));
  a.send_marker();
  s.h.drain();  // 1 fills `out`; instance 2 has not flushed, so no merged marker

  b.try_send(msg(2));
  b.send_marker();
  s.h.drain();  // 2 waits for room on `out`
  std::vector<Envelope> out = s.h.take("out");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].msg().as_int(), 1);
  EXPECT_EQ(out[1].msg().as_int(), 2);
  EXPECT_EQ(s.h.markers("out"), 0u);  // not on instance 1's marker alone, nor ahead of 2

  s.h.drain();  // instance 2's marker completes the merged marker
  EXPECT_TRUE(s.h.take("out").empty());
  EXPECT_EQ(s.h.markers("out"), 1u);

  // An instance that ends no longer holds markers back.
  a.send_marker();
  s.h.drain();
  EXPECT_TRUE(s.h.take("out").empty());
  EXPECT_EQ(s.h.markers("out"), 1u);
  b.release();
  s.h.drain();
  EXPECT_TRUE(s.h.take("out").empty());
  EXPECT_EQ(s.h.markers("out"), 2u);

  a.release();
  s.in.finish();
  s.h.drain();
  ASSERT_TRUE(s.h.finished());
  EXPECT_TRUE(s.h.take("out").empty());
  EXPECT_EQ(s.h.markers("out"), 2u);
  EXPECT_TRUE(s.h.ended("out"));
}

TEST(DynInTransform, ForwardsEverythingOnAThreadPool) {
  ThreadPool pool(pool_options("dyn_in_test", 2));
  DynInSetup s({.executor = &pool, .cap = 4});
  constexpr int kInstances = 4;
  constexpr int kPerInstance = 500;
  std::vector<Sender<Envelope>> senders;
  for (int k = 0; k < kInstances; ++k) senders.push_back(s.add_instance(k));
  s.in.finish();
  s.h.start();
  std::vector<std::thread> producers;
  for (int k = 0; k < kInstances; ++k) {
    producers.emplace_back([tx = std::move(senders[k]), k]() mutable {
      for (int i = 0; i < kPerInstance; ++i) tx.send_blocking(msg(k * 100000 + i));
      tx.release();
    });
  }
  std::map<std::int64_t, std::int64_t> next;  // instance → next expected value
  int total = 0;
  for (const Envelope& e : take_until_ended(s.h, "out", 30s)) {
    std::int64_t v = e.msg().as_int();
    EXPECT_EQ(v % 100000, next[v / 100000]++);  // per-instance order kept
    ++total;
  }
  for (auto& t : producers) t.join();
  EXPECT_TRUE(s.h.ended("out"));
  EXPECT_EQ(total, kInstances * kPerInstance);
  ASSERT_TRUE(s.h.run_until_finished(5s));
  EXPECT_EQ(s.h.error(), "");
}

}  // namespace
}  // namespace rill::testing
