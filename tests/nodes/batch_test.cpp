// Batch.

#include <chrono>
#include <stdexcept>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "node_test_support.hpp"

namespace rill::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

std::vector<std::int64_t> ints(const Envelope& batch) {
  std::vector<std::int64_t> v;
  for (const Value& m : batch.msg().as_list()) v.push_back(m.as_int());
  return v;
}

std::vector<std::vector<std::int64_t>> batches(const std::vector<Envelope>& es) {
  std::vector<std::vector<std::int64_t>> v;
  for (const Envelope& e : es) v.push_back(ints(e));
  return v;
}

/// The message NodeHarness's constructor throws for Batch with `args` ("" when it accepts them).
std::string rejection(Map args) {
  try {
    NodeHarness h("Batch", std::move(args));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

TEST(Batch, GroupsTwentyThreeItemsIntoFivesAndARemainderThenEnds) {
  NodeHarness h("Batch", {{"batch_size", 5}, {"timeout", 2000}});
  h.start();
  for (std::uint64_t i = 0; i < 23; ++i) ASSERT_EQ(h.send("inp", numbered(i)), SendStatus::kOk);
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(h.error(), "");
  std::vector<Envelope> out = h.take("out");
  ASSERT_EQ(out.size(), 5u);
  const std::size_t sizes[] = {5, 5, 5, 5, 3};
  for (std::size_t b = 0; b < 5; ++b) {
    std::vector<std::int64_t> got = ints(out[b]);
    ASSERT_EQ(got.size(), sizes[b]);
    for (std::size_t j = 0; j < got.size(); ++j) {
      EXPECT_EQ(got[j], static_cast<std::int64_t>(5 * b + j));
    }
    EXPECT_EQ(out[b].info().partial_id(), 5 * b);  // info of the batch's first message
  }
  EXPECT_TRUE(h.ended("out"));
}

TEST(Batch, FullBatchesGoOutWithoutWaitingForTheTimeout) {
  NodeHarness h("Batch", {{"batch_size", 4}, {"timeout", 60'000}});
  h.start();
  for (std::uint64_t i = 0; i < 8; ++i) h.send("inp", numbered(i));
  h.drain();
  EXPECT_EQ(h.take("out").size(), 2u);  // input still open, a minute of timeout left
  EXPECT_FALSE(h.finished());
  h.close("inp");
  h.drain();
  EXPECT_TRUE(h.finished());
}

TEST(Batch, PartialBatchIsFlushedAtTheTimeout) {
  // The manual executor holds the node until the three messages are queued, so they form one
  // batch; the timer thread then wakes it at the timeout.
  NodeHarness h("Batch", {{"batch_size", 5}, {"timeout", 50}});
  h.start();
  for (std::uint64_t i = 0; i < 3; ++i) h.send("inp", numbered(i));
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Envelope> first = take_at_least(h, "out", 1);  // input stays open
  const auto waited = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(ints(first[0]), (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_GE(waited, 45ms);  // it waited for more before giving up
  EXPECT_FALSE(h.finished());

  h.send("inp", numbered(3));
  h.send("inp", numbered(4));
  h.close("inp");
  std::vector<std::int64_t> rest;
  for (const Envelope& e : take_until_ended(h, "out")) {
    for (std::int64_t v : ints(e)) rest.push_back(v);
  }
  EXPECT_EQ(rest, (std::vector<std::int64_t>{3, 4}));
  EXPECT_TRUE(h.ended("out"));
  ASSERT_TRUE(h.run_until_finished(5s));
  EXPECT_EQ(h.error(), "");
}

TEST(Batch, EmitsNothingForATimeoutWithoutMessages) {
  ThreadPool pool(pool_options("batch_test", 1));
  NodeHarness h("Batch", {{"batch_size", 5}, {"timeout", 5}}, {.executor = &pool});
  h.start();
  std::this_thread::sleep_for(60ms);  // several empty timeout windows pass
  EXPECT_TRUE(h.take("out").empty());
  ASSERT_EQ(h.send("inp", numbered(9)), SendStatus::kOk);
  h.close("inp");
  std::vector<Envelope> out = take_until_ended(h, "out");
  ASSERT_TRUE(h.ended("out"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(ints(out[0]), (std::vector<std::int64_t>{9}));
  ASSERT_TRUE(h.run_until_finished(5s));
  EXPECT_EQ(h.error(), "");
}

TEST(Batch, FlushMarkerEmitsThePartialBatchBeforeTheMarker) {
  // Capacity-1 channels make order observable: a batch the node is blocked sending is handed
  // over by take(), so what take() sees then shows whether the marker went out before it.
  NodeHarness h("Batch", {{"batch_size", 4}, {"timeout", 60'000}}, {.cap = 1});
  h.start();
  auto feed = [&h](std::uint64_t id) {
    ASSERT_EQ(h.send("inp", numbered(id)), SendStatus::kOk);
    h.drain();
  };
  for (std::uint64_t id : {10, 11, 12, 13}) feed(id);  // a full batch now fills `out`
  for (std::uint64_t id : {0, 1, 2}) feed(id);
  h.send_marker("inp");
  h.drain();  // the partial batch {0, 1, 2} waits for room on `out`
  ASSERT_EQ(h.send("inp", numbered(3)), SendStatus::kOk);
  EXPECT_EQ(batches(h.take("out")),
            (std::vector<std::vector<std::int64_t>>{{10, 11, 12, 13}, {0, 1, 2}}));
  EXPECT_EQ(h.markers("out"), 0u);  // the marker has not overtaken the partial batch

  h.drain();  // the marker follows {0, 1, 2}; 3 starts a new batch
  EXPECT_TRUE(h.take("out").empty());
  EXPECT_EQ(h.markers("out"), 1u);  // out ahead of 3, which was queued behind it

  ASSERT_EQ(h.send("inp", numbered(4)), SendStatus::kOk);
  h.close("inp");
  h.drain();
  ASSERT_TRUE(h.finished());
  EXPECT_EQ(batches(h.take("out")), (std::vector<std::vector<std::int64_t>>{{3, 4}}));
  EXPECT_EQ(h.markers("out"), 1u);
  EXPECT_TRUE(h.ended("out"));
}

TEST(Batch, EmptyEnvelopeContributesNull) {
  NodeHarness h("Batch", {{"batch_size", 2}});
  h.start();
  h.send("inp", Envelope::empty_with(Info{}));
  h.send("inp", msg(1));
  h.close("inp");
  h.drain();
  std::vector<Envelope> out = h.take("out");
  ASSERT_EQ(out.size(), 1u);
  const List& l = out[0].msg().as_list();
  ASSERT_EQ(l.size(), 2u);
  EXPECT_TRUE(l[0].is_null());
  EXPECT_EQ(l[1].as_int(), 1);
}

TEST(Batch, DefaultsToBatchesOfEight) {
  NodeHarness h("Batch");
  h.start();
  for (std::uint64_t i = 0; i < 10; ++i) h.send("inp", numbered(i));
  h.close("inp");
  h.drain();
  std::vector<Envelope> out = h.take("out");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].msg().as_list().size(), 8u);
  EXPECT_EQ(out[1].msg().as_list().size(), 2u);
}

TEST(Batch, ArgumentsAreTypedAndDefaultedByTheContract) {
  NodeHarness h("Batch", {{"timeout", 250}});
  const Map& args = h.config().args;
  ASSERT_NE(args.find("batch_size"), nullptr);
  EXPECT_EQ(args.find("batch_size")->as_int(), 8);
  ASSERT_NE(args.find("timeout"), nullptr);
  EXPECT_TRUE(args.find("timeout")->is_double());  // an integer given for a float argument
  EXPECT_EQ(args.find("timeout")->as_double(), 250.0);
  EXPECT_EQ(rejection({{"timeout", 2.5}}), "");
}

TEST(Batch, RejectsABatchSizeOfTheWrongType) {
  std::string why = rejection({{"batch_size", "four"}});
  EXPECT_THAT(why, HasSubstr("Batch"));
  EXPECT_THAT(why, HasSubstr("argument 'batch_size' must be an integer, got string"));
}

TEST(Batch, RejectsArgumentsOutOfRange) {
  EXPECT_THAT(rejection({{"batch_size", 0}}),
              HasSubstr("argument 'batch_size' must be between 1 and 65536, got int 0"));
  EXPECT_THAT(rejection({{"batch_size", 1 << 21}}),
              HasSubstr("argument 'batch_size' must be between 1 and 65536"));
  EXPECT_THAT(rejection({{"timeout", -1}}),
              HasSubstr("argument 'timeout' must be between 0 and 86400000"));
}

TEST(Batch, RejectsAnUnknownArgumentSuggestingTheClosestName) {
  EXPECT_THAT(rejection({{"batch_sise", 4}}),
              HasSubstr("unknown argument 'batch_sise' (did you mean 'batch_size'?)"));
  EXPECT_THAT(rejection({{"colour", 4}}),
              HasSubstr("unknown argument 'colour'; its arguments are batch_size, timeout"));
}

}  // namespace
}  // namespace rill::testing
