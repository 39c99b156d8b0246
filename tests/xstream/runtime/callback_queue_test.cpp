#include "runtime/callback_queue.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace rill::sdk::detail {
namespace {

Report report_with_sequence(std::int64_t seq) {
  Report r{std::make_shared<FrameOutput>(), {}};
  r.output->sequence_id_ = seq;
  return r;
}

TEST(CallbackQueueTest, CallbacksFromManyThreadsNeverOverlapAndKeepEachThreadsOrder) {
  CallbackQueue queue;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  std::atomic<int> inside{0};
  int max_inside = 0;                            // written only inside callbacks
  std::vector<std::int64_t> last(kThreads, -1);  // likewise
  int out_of_order = 0;
  int delivered = 0;
  auto cb = std::make_shared<const Callback>([&](FrameOutputPtr out) {
    max_inside = std::max(max_inside, inside.fetch_add(1) + 1);
    const auto thread = static_cast<std::size_t>(out->source_id_);
    if (out->sequence_id_ <= last[thread]) ++out_of_order;
    last[thread] = out->sequence_id_;
    ++delivered;
    inside.fetch_sub(1);
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Report r = report_with_sequence(i);
        r.output->source_id_ = static_cast<std::uint32_t>(t);
        queue.post(cb, std::move(r));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(delivered, kThreads * kPerThread);
  EXPECT_EQ(max_inside, 1);
  EXPECT_EQ(out_of_order, 0);
}

TEST(CallbackQueueTest, ACallbackThatPostsIsQueuedBehindItselfNotReentered) {
  CallbackQueue queue;
  std::vector<std::int64_t> order;
  int depth = 0;
  int max_depth = 0;
  std::shared_ptr<const Callback> cb;
  cb = std::make_shared<const Callback>([&](FrameOutputPtr out) {
    max_depth = std::max(max_depth, ++depth);
    order.push_back(out->sequence_id_);
    if (out->sequence_id_ < 3) queue.post(cb, report_with_sequence(out->sequence_id_ + 1));
    --depth;
  });
  queue.post(cb, report_with_sequence(0));
  EXPECT_EQ(order, (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(max_depth, 1);
}

TEST(CallbackQueueTest, AThrowingCallbackDoesNotStopDelivery) {
  CallbackQueue queue;
  int delivered = 0;
  auto cb = std::make_shared<const Callback>([&](FrameOutputPtr out) {
    ++delivered;
    if (out->sequence_id_ == 0) throw std::runtime_error("user bug");
  });
  queue.post(cb, report_with_sequence(0));
  queue.post(cb, report_with_sequence(1));
  EXPECT_EQ(delivered, 2);
}

}  // namespace
}  // namespace rill::sdk::detail
