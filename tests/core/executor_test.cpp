// Executors: a fixed number of OS threads however many coroutines live; scheduling options
// applied or reported; the manual executor's determinism; the blocking pool's thread reuse.

#include "rill/core/executor.hpp"

#include <sched.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>

#include "rill/core/detail/sanitizers.hpp"
#include "rill/core/event.hpp"
#include "rill/core/task.hpp"

namespace rill {
namespace {

using namespace std::chrono_literals;

ExecutorOptions options(const std::string& name, int threads) {
  ExecutorOptions o;
  o.name = name;
  o.threads = threads;
  return o;
}

Task<> park_then_count(Event* gate, std::atomic<int>* done) {
  co_await gate->wait();
  done->fetch_add(1);
}

TEST(ThreadPool, ThreadCountStaysFixedWhileTenThousandActorsLive) {
  ThreadPool pool(options("actors", 2));
  const int before = process_thread_count();
  Event gate;
  std::atomic<int> done{0};
  Event all_done;
  std::atomic<int> finished{0};
  for (int i = 0; i < 10'000; ++i) {
    spawn(pool, park_then_count(&gate, &done), [&](std::exception_ptr) {
      if (finished.fetch_add(1) + 1 == 10'000) all_done.set();
    });
  }
  // Every actor is parked on the gate (or about to be): no thread was added for any of them.
  EXPECT_EQ(process_thread_count(), before);
  EXPECT_EQ(done.load(), 0);
  gate.set();
  ASSERT_TRUE(all_done.wait_blocking_for(60s));
  EXPECT_EQ(done.load(), 10'000);
  EXPECT_EQ(process_thread_count(), before);
  EXPECT_EQ(pool.thread_count(), 2);
}

#if defined(RILL_ASAN) || defined(RILL_TSAN)
#define RILL_UNDER_SANITIZER 1
#endif

/// Exits 0 when a 512-thread pool in 1 GiB of address space throws, 2 when it does not (an
/// abort, the failure this guards against, kills it by SIGABRT).
[[maybe_unused]] void start_pool_in_too_little_memory() {
  rlimit limit{};
  limit.rlim_cur = limit.rlim_max = std::size_t{1} << 30;
  if (setrlimit(RLIMIT_AS, &limit) != 0) std::_Exit(3);
  try {
    ExecutorOptions o;
    o.name = "too-many";
    o.threads = 512;
    ThreadPool pool(std::move(o));
    std::_Exit(2);                   // every thread started: the limit did not bite
  } catch (const std::exception&) {  // std::system_error (EAGAIN), or bad_alloc
    std::_Exit(0);
  }
}

TEST(ThreadPool, APoolThatCannotStartItsThreadsThrowsAndLeavesNoneRunning) {
#ifdef RILL_UNDER_SANITIZER
  GTEST_SKIP() << "the sanitizers reserve terabytes of address space: no RLIMIT_AS to lower";
#else
  // In a child process (re-executed, so no other thread of this one is copied into it) whose
  // address space cannot hold 512 thread stacks: some threads start, then one fails. Before,
  // the started threads' std::thread destructors called std::terminate (SIGABRT).
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(start_pool_in_too_little_memory(), ::testing::ExitedWithCode(0), "");
#endif
}

TEST(ThreadPool, FifoPriorityIsAppliedOrReportedAsAWarning) {
  ExecutorOptions o = options("rt", 1);
  o.policy = SchedPolicy::kFifo;
  o.priority = 10;
  ThreadPool pool(o);
  std::atomic<int> policy{-1};
  std::atomic<int> priority{-1};
  Event seen;
  pool.post([&] {
    sched_param p{};
    sched_getparam(0, &p);
    priority = p.sched_priority;
    policy = sched_getscheduler(0);
    seen.set();
  });
  ASSERT_TRUE(seen.wait_blocking_for(60s));
  std::vector<std::string> warnings = pool.sched_warnings();
  if (warnings.empty()) {
    EXPECT_EQ(policy.load(), SCHED_FIFO);
    EXPECT_EQ(priority.load(), 10);
  } else {
    // Not permitted here (no CAP_SYS_NICE, or a container): the pool still runs, at the default
    // policy, and says why.
    EXPECT_EQ(policy.load(), SCHED_OTHER);
    EXPECT_NE(warnings[0].find("SCHED_FIFO"), std::string::npos) << warnings[0];
  }
}

TEST(ThreadPool, AffinityPinsWorkersToTheListedCpu) {
  ExecutorOptions o = options("pinned", 1);
  o.cpu_affinity = {0};
  ThreadPool pool(o);
  std::atomic<int> count{-1};
  std::atomic<bool> has_cpu0{false};
  Event seen;
  pool.post([&] {
    cpu_set_t set;
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof(set), &set);
    count = CPU_COUNT(&set);
    has_cpu0 = CPU_ISSET(0, &set);
    seen.set();
  });
  ASSERT_TRUE(seen.wait_blocking_for(60s));
  if (pool.sched_warnings().empty()) {
    EXPECT_EQ(count.load(), 1);
    EXPECT_TRUE(has_cpu0.load());
  }
}

TEST(SchedPolicy, ParsesLinuxNames) {
  SchedPolicy p{};
  EXPECT_TRUE(parse_sched_policy("SCHED_FIFO", &p));
  EXPECT_EQ(p, SchedPolicy::kFifo);
  EXPECT_TRUE(parse_sched_policy("SCHED_NORMAL", &p));
  EXPECT_EQ(p, SchedPolicy::kOther);
  EXPECT_TRUE(parse_sched_policy("SCHED_RR", &p));
  EXPECT_EQ(p, SchedPolicy::kRr);
  EXPECT_FALSE(parse_sched_policy("SCHED_FAST", &p));
}

Task<> append(std::vector<int>* log, int v, Event* gate) {
  log->push_back(v);
  if (gate) co_await gate->wait();
  log->push_back(v + 100);
}

TEST(ManualExecutor, RunsOnlyWhenToldInQueueOrder) {
  ManualExecutor ex;
  std::vector<int> log;
  Event gate;
  spawn(ex, append(&log, 1, &gate));
  spawn(ex, append(&log, 2, nullptr));
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(ex.pending(), 2u);
  ASSERT_TRUE(ex.run_one());
  EXPECT_EQ(log, (std::vector<int>{1}));  // parked on the gate
  ex.drain();
  EXPECT_EQ(log, (std::vector<int>{1, 2, 102}));
  gate.set();
  ex.drain();
  EXPECT_EQ(log, (std::vector<int>{1, 2, 102, 101}));
}

TEST(BlockingPool, EachAcquireOwnsAThreadAndIdleThreadsAreReused) {
  BlockingPool bp(2);
  {
    auto a = bp.acquire("a");
    auto b = bp.acquire("b");
    EXPECT_EQ(bp.live_threads(), 2);
    EXPECT_EQ(a->thread_count(), 1);
  }
  const int threads = process_thread_count();
  auto c = bp.acquire("c");  // reuses an idle thread
  EXPECT_EQ(process_thread_count(), threads);
  EXPECT_LE(bp.live_threads(), 2);
}

}  // namespace
}  // namespace rill
