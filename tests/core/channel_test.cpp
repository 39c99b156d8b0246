#include "rill/core/channel.hpp"

#include <atomic>
#include <limits>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "rill/core/executor.hpp"
#include "rill/core/task.hpp"

namespace rill {
namespace {

using namespace std::chrono_literals;

Envelope env(int i) { return Envelope(Value(i)); }

TEST(Channel, TrySendReportsFullAtCapacity) {
  auto [tx, rx] = make_channel<Envelope>(3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(tx.try_send(env(i)), SendStatus::kOk);
  Envelope extra = env(99);
  EXPECT_EQ(tx.try_send(extra), SendStatus::kFull);
  EXPECT_EQ(extra.msg().as_int(), 99);  // left untouched on failure
  std::optional<Envelope> out;
  ASSERT_EQ(rx.try_recv(out), RecvStatus::kValue);
  EXPECT_EQ(out->msg().as_int(), 0);
  EXPECT_EQ(tx.try_send(extra), SendStatus::kOk);
}

TEST(Channel, AHugeCapacityCostsOnlyWhatTheQueueHolds) {
  // The ring was once sized to the capacity up front: 2^40 threw bad_alloc, and a capacity near
  // 2^63 wrapped the size computation around and corrupted the heap.
  for (std::size_t cap : {std::size_t{1} << 40, std::numeric_limits<std::size_t>::max() / 2}) {
    auto [tx, rx] = make_channel<Envelope>(cap);
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(tx.try_send(env(i)), SendStatus::kOk);
    EXPECT_EQ(tx.stats().capacity, cap);
    for (int i = 0; i < 1000; ++i) {
      std::optional<Envelope> out;
      ASSERT_EQ(rx.try_recv(out), RecvStatus::kValue);
      EXPECT_EQ(out->msg().as_int(), i);
    }
  }
}

TEST(Channel, RecvReturnsEndOfStreamAfterLastSenderCloses) {
  auto [tx, rx] = make_channel<Envelope>(4);
  Sender<Envelope> tx2 = tx;
  ASSERT_EQ(tx.try_send(env(1)), SendStatus::kOk);
  tx.release();
  std::optional<Envelope> out;
  ASSERT_EQ(rx.try_recv(out), RecvStatus::kValue);
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kEmpty);  // tx2 still open
  tx2.release();
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kEnd);
}

TEST(Channel, QueuedItemsDrainBeforeEndOfStream) {
  auto [tx, rx] = make_channel<Envelope>(4);
  tx.try_send(env(1));
  tx.try_send(env(2));
  tx.close();
  std::optional<Envelope> out;
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kValue);
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kValue);
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kEnd);
}

TEST(Channel, SendAfterCloseReportsClosed) {
  auto [tx, rx] = make_channel<Envelope>(4);
  rx.close();
  EXPECT_EQ(tx.try_send(env(1)), SendStatus::kClosed);
  EXPECT_EQ(tx.send_blocking(env(1)), SendStatus::kClosed);
}

TEST(Channel, LastReceiverReleaseClosesForSenders) {
  auto [tx, rx] = make_channel<Envelope>(4);
  rx.release();
  EXPECT_EQ(tx.try_send(env(1)), SendStatus::kClosed);
}

Task<> producer(Sender<Envelope> tx, int n, std::atomic<int>* sent) {
  for (int i = 0; i < n; ++i) {
    SendStatus s = co_await tx.send(env(i));
    if (s == SendStatus::kOk) sent->fetch_add(1);
  }
}

TEST(Channel, SendSuspendsWhileFullAndResumesWhenDrained) {
  ManualExecutor ex;
  auto [tx, rx] = make_channel<Envelope>(2);
  std::atomic<int> sent{0};
  spawn(ex, producer(std::move(tx), 5, &sent));
  ex.drain();
  EXPECT_EQ(sent.load(), 2);  // blocked on the third send: backpressure
  std::optional<Envelope> out;
  ASSERT_EQ(rx.try_recv(out), RecvStatus::kValue);
  // The parked sender's value was moved into the ring by the receive; it is resumed now.
  EXPECT_EQ(ex.pending(), 1u);
  ex.drain();
  EXPECT_EQ(sent.load(), 3);  // the third send completed; the fourth waits for room again
  while (rx.try_recv(out) == RecvStatus::kValue) ex.drain();
  EXPECT_EQ(sent.load(), 5);
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kEnd);
}

Task<> consumer(Receiver<Envelope> rx, std::vector<int>* got, bool* ended) {
  for (;;) {
    auto e = co_await rx.recv();
    if (!e) break;
    got->push_back(static_cast<int>(e->msg().as_int()));
  }
  *ended = rx.last_status() == RecvStatus::kEnd;
}

TEST(Channel, RecvSuspendsUntilValueArrivesThenSeesEnd) {
  ManualExecutor ex;
  auto [tx, rx] = make_channel<Envelope>(2);
  std::vector<int> got;
  bool ended = false;
  spawn(ex, consumer(std::move(rx), &got, &ended));
  ex.drain();
  EXPECT_TRUE(got.empty());
  tx.try_send(env(7));
  ex.drain();
  EXPECT_EQ(got, std::vector<int>{7});
  tx.release();
  ex.drain();
  EXPECT_TRUE(ended);
}

TEST(Channel, MarkerPassesFanInOnlyAfterEverySenderEmittedIt) {
  auto [tx, rx] = make_channel<Envelope>(4);
  Sender<Envelope> tx2 = tx;
  tx.send_marker();
  std::optional<Envelope> out;
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kEmpty);
  tx2.send_marker();
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kMarker);
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kEmpty);  // marker is not end-of-stream
  tx.try_send(env(1));
  EXPECT_EQ(rx.try_recv(out), RecvStatus::kValue);
}

TEST(Channel, EveryReceiverEndObservesEachMarkerOnce) {
  auto [tx, rx1] = make_channel<Envelope>(4);
  Receiver<Envelope> rx2 = rx1;
  tx.send_marker();
  std::optional<Envelope> out;
  EXPECT_EQ(rx1.try_recv(out), RecvStatus::kMarker);
  EXPECT_EQ(rx1.try_recv(out), RecvStatus::kEmpty);
  EXPECT_EQ(rx2.try_recv(out), RecvStatus::kMarker);
  EXPECT_EQ(rx2.try_recv(out), RecvStatus::kEmpty);
  // A lone sender emitting more markers: each passes, since it is the only sender.
  tx.send_marker();
  EXPECT_EQ(rx2.try_recv(out), RecvStatus::kMarker);
}

TEST(Channel, BatchRecvReturnsPartialBatchAtTimeout) {
  ThreadPool pool({.name = "t", .threads = 1});
  auto [tx, rx] = make_channel<Envelope>(8);
  tx.try_send(env(1));
  tx.try_send(env(2));
  auto start = std::chrono::steady_clock::now();
  auto r = sync_wait(rx.batch_recv(5, 50ms));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.values.size(), 2u);
  EXPECT_FALSE(r.closed);
  EXPECT_GE(took, 45ms);  // waited for the timeout, not returned early
}

TEST(Channel, BatchRecvStopsAtEndOfStream) {
  auto [tx, rx] = make_channel<Envelope>(8);
  tx.try_send(env(1));
  tx.release();
  auto r = sync_wait(rx.batch_recv(5, std::chrono::seconds(10)));
  EXPECT_EQ(r.values.size(), 1u);
  EXPECT_TRUE(r.closed);
}

TEST(Channel, BatchRecvOfZeroReturnsImmediately) {
  auto [tx, rx] = make_channel<Envelope>(8);
  auto r = sync_wait(rx.batch_recv(0, std::chrono::seconds(10)));
  EXPECT_TRUE(r.values.empty());
  EXPECT_FALSE(r.closed);
}

TEST(Channel, RecvForTimesOutWhenNothingArrives) {
  auto [tx, rx] = make_channel<Envelope>(8);
  auto r = sync_wait(rx.recv_for(20ms));
  EXPECT_EQ(r.status, RecvStatus::kTimeout);
}

TEST(Channel, RecvForGetsValueSentByAnotherThread) {
  auto [tx, rx] = make_channel<Envelope>(8);
  std::thread t([tx = std::move(tx)]() mutable {
    std::this_thread::sleep_for(10ms);
    tx.send_blocking(env(5));
  });
  auto r = sync_wait(rx.recv_for(std::chrono::seconds(10)));
  t.join();
  ASSERT_EQ(r.status, RecvStatus::kValue);
  EXPECT_EQ(r.value->msg().as_int(), 5);
}

Task<> mpmc_producer(Sender<Envelope> tx, int base, int n) {
  for (int i = 0; i < n; ++i) co_await tx.send(env(base + i));
}

Task<> mpmc_consumer(Receiver<Envelope> rx, std::vector<int>* got) {
  while (auto e = co_await rx.recv()) got->push_back(static_cast<int>(e->msg().as_int()));
}

void run_mpmc(int threads) {
  constexpr int kProducers = 4, kConsumers = 4, kPerProducer = 20000;
  ThreadPool pool({.name = "mpmc", .threads = threads});
  auto [tx, rx] = make_channel<Envelope>(16);
  std::vector<std::vector<int>> got(kConsumers);
  std::atomic<int> done{0};
  for (int c = 0; c < kConsumers; ++c) {
    spawn(pool, mpmc_consumer(rx, &got[c]), [&](std::exception_ptr) { done.fetch_add(1); });
  }
  rx.release();
  for (int p = 0; p < kProducers; ++p) {
    spawn(pool, mpmc_producer(tx, p * kPerProducer, kPerProducer));
  }
  tx.release();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (done.load() < kConsumers && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_EQ(done.load(), kConsumers) << "consumers did not finish in time";
  std::vector<int> all;
  for (auto& g : got) all.insert(all.end(), g.begin(), g.end());
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kProducers * kPerProducer));
  std::set<int> unique(all.begin(), all.end());
  EXPECT_EQ(unique.size(), all.size()) << "duplicates";
  // Per producer, each consumer sees increasing values (FIFO).
  for (auto& g : got) {
    std::vector<int> last(kProducers, -1);
    for (int v : g) {
      int p = v / kPerProducer;
      EXPECT_GT(v, last[p]);
      last[p] = v;
    }
  }
}

TEST(Channel, MpmcFourByFourLosesAndDuplicatesNothingOneWorker) { run_mpmc(1); }
TEST(Channel, MpmcFourByFourLosesAndDuplicatesNothingTwoWorkers) { run_mpmc(2); }
TEST(Channel, MpmcFourByFourLosesAndDuplicatesNothingFourWorkers) { run_mpmc(4); }

}  // namespace
}  // namespace rill
