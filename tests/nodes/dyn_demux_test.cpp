// DynDemux: the per-key dynamic-instance protocol (spec megflow §4), against a fake DynOutput.

#include <gtest/gtest.h>

#include "fake_dyn_ports.hpp"
#include "node_harness.hpp"

namespace rill::testing {
namespace {

Envelope keyed(std::int64_t v, std::uint64_t key, std::optional<std::string> tag = {}) {
  Envelope e = msg(v);
  e.info().set_to_addr(key);
  if (tag) e.info().set_tag(std::move(tag));
  return e;
}

Envelope close_key(std::uint64_t key) {
  Info info;
  info.set_to_addr(key);
  return Envelope::empty_with(std::move(info));
}

struct DynDemuxSetup {
  NodeUnderTest n = make_node("DynDemux");
  Sender<Envelope> in;
  FakeDynOutput* out = nullptr;

  DynDemuxSetup() {
    auto [tx, rx] = make_channel<Envelope>(4096);
    in = std::move(tx);
    n.ctx->bind_input("inp", std::move(rx));
    auto fake = std::make_unique<FakeDynOutput>(16);
    out = fake.get();
    n.ctx->bind_dyn_output("out", std::move(fake));
    n.ctx->seal();
  }
};

std::vector<std::int64_t> ints(const std::vector<Envelope>& es) {
  std::vector<std::int64_t> v;
  for (const Envelope& e : es) v.push_back(e.msg().as_int());
  return v;
}

TEST(DynDemux, CreatesOneInstancePerKeyWithTheFirstEnvelopesTag) {
  ManualExecutor ex;
  DynDemuxSetup s;
  constexpr std::uint64_t kKeys = 300;
  for (int round = 0; round < 3; ++round) {
    for (std::uint64_t key = 0; key < kKeys; ++key) {
      // Later rounds carry another tag: only the first envelope of a key chooses the graph.
      std::string tag = round > 0 ? "Ignored" : (key % 2 ? "TransGraph1" : "TransGraph0");
      ASSERT_EQ(s.in.try_send(keyed(static_cast<std::int64_t>(key * 10 + round), key, tag)),
                SendStatus::kOk);
    }
  }
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  ASSERT_EQ(s.out->created.size(), kKeys);
  for (std::uint64_t key = 0; key < kKeys; ++key) {
    const auto& inst = s.out->created[key];
    EXPECT_EQ(inst->key(), key);
    EXPECT_EQ(inst->tag(), key % 2 ? "TransGraph1" : "TransGraph0");
    const auto k = static_cast<std::int64_t>(key);
    EXPECT_EQ(ints(inst->received), (std::vector<std::int64_t>{k * 10, k * 10 + 1, k * 10 + 2}));
    for (const Envelope& e : inst->received) EXPECT_EQ(e.info().to_addr(), key);  // info kept
    EXPECT_EQ(inst->close_calls, 1);  // closed at end-of-stream
    EXPECT_TRUE(inst->done());
  }
}

TEST(DynDemux, EmptyEnvelopeClosesOnlyThatInstanceWithoutBlockingRouting) {
  ManualExecutor ex;
  DynDemuxSetup s;
  s.out->hold_new = true;  // instances cannot finish until released
  s.in.try_send(keyed(10, 1));
  s.in.try_send(keyed(20, 2));
  s.in.try_send(close_key(1));
  s.in.try_send(keyed(21, 2));
  s.in.try_send(keyed(30, 3));
  auto run = start(ex, s.n);
  ex.drain();

  ASSERT_EQ(s.out->created.size(), 3u);  // key 3 was routed while key 1 was still draining
  auto one = s.out->for_key(1).at(0);
  auto two = s.out->for_key(2).at(0);
  auto three = s.out->for_key(3).at(0);
  EXPECT_EQ(one->close_calls, 1);
  EXPECT_FALSE(one->done());
  EXPECT_EQ(two->close_calls, 0);
  EXPECT_EQ(three->close_calls, 0);
  EXPECT_FALSE(run->done);

  for (const auto& inst : s.out->created) inst->release();
  ex.drain();
  EXPECT_TRUE(one->done());
  EXPECT_EQ(ints(one->received), (std::vector<std::int64_t>{10}));  // empty envelope not forwarded
  EXPECT_FALSE(two->done());
  EXPECT_EQ(ints(two->received), (std::vector<std::int64_t>{20, 21}));
  EXPECT_FALSE(run->done);

  s.in.release();
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  EXPECT_TRUE(two->done());
  EXPECT_TRUE(three->done());
  EXPECT_EQ(one->close_calls, 1);  // not closed a second time at end-of-stream
}

TEST(DynDemux, DataAfterEmptyEnvelopeCreatesAFreshInstance) {
  ManualExecutor ex;
  DynDemuxSetup s;
  s.in.try_send(keyed(1, 5, "A"));
  s.in.try_send(close_key(5));
  s.in.try_send(keyed(2, 5, "B"));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  auto five = s.out->for_key(5);
  ASSERT_EQ(five.size(), 2u);
  EXPECT_EQ(five[0]->tag(), "A");
  EXPECT_EQ(five[1]->tag(), "B");
  EXPECT_EQ(ints(five[0]->received), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ints(five[1]->received), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(five[0]->done());
  EXPECT_TRUE(five[1]->done());
}

TEST(DynDemux, EmptyEnvelopeForAnUnknownKeyIsIgnored) {
  ManualExecutor ex;
  DynDemuxSetup s;
  s.in.try_send(close_key(9));
  s.in.try_send(keyed(1, 1));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_EQ(s.out->created[0]->key(), 1u);
}

TEST(DynDemux, EndOfStreamClosesRemainingInstancesAndWaitsForThem) {
  ManualExecutor ex;
  DynDemuxSetup s;
  s.out->hold_new = true;
  s.in.try_send(keyed(1, 1));
  s.in.try_send(keyed(2, 2));
  s.in.try_send(close_key(2));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_EQ(s.out->created.size(), 2u);
  for (const auto& inst : s.out->created) EXPECT_EQ(inst->close_calls, 1);
  EXPECT_FALSE(run->done);  // both instances (also the one closed earlier) still running

  s.out->created[0]->release();
  ex.drain();
  EXPECT_FALSE(run->done);  // key 2 still running
  s.out->created[1]->release();
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_EQ(run->error_message(), "");
}

TEST(DynDemux, FlushMarkerReachesInstancesAndKeepsThemOpen) {
  ManualExecutor ex;
  DynDemuxSetup s;
  s.in.try_send(keyed(1, 1));
  s.in.send_marker();
  s.in.try_send(keyed(2, 1));
  s.in.release();
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  ASSERT_EQ(s.out->created.size(), 1u);  // not closed and recreated by the marker
  EXPECT_EQ(s.out->created[0]->markers, 1);
  EXPECT_EQ(ints(s.out->created[0]->received), (std::vector<std::int64_t>{1, 2}));
}

TEST(DynDemux, MissingToAddrFailsTheNode) {
  ManualExecutor ex;
  DynDemuxSetup s;
  s.in.try_send(keyed(1, 1));
  s.in.try_send(msg(2));
  auto run = start(ex, s.n);
  ex.drain();
  ASSERT_TRUE(run->done);
  EXPECT_NE(run->error_message().find("to_addr"), std::string::npos) << run->error_message();
  // finalize closed the instance left open, so it does not wait forever for more input.
  ASSERT_EQ(s.out->created.size(), 1u);
  EXPECT_TRUE(s.out->created[0]->done());
}

}  // namespace
}  // namespace rill::testing
