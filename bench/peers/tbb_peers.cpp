// TBB flow-graph peers for core.chain8 and core.fan8. See tbb_peers.hpp for what is measured.
//
// Variants measured on the benchmark machine (2-core AMD EPYC VM, oneTBB 2021.8, GCC 12 -O3;
// `build/bin/bench_tbb_peers --variants` reprints them). M msgs/s, median of 3:
//
//   chain8, cap 16            1 thread    2 threads
//     serial/queueing            ~1.0        ~0.55     (TBB's default: a task per message per node)
//     serial/lightweight         ~3.2        ~1.6      (body runs in the thread that pushes)
//     unlimited/lightweight      ~3.3        ~1.6      (may reorder; not comparable to an actor)
//
//   fan8, cap 16
//     serial/queueing            ~0.13       ~0.10
//     serial/lightweight         ~0.47       ~0.33
//     unlimited/lightweight      ~0.48       ~0.33
//
// The peer functions use serial/queueing_lightweight: it is the fastest configuration in which
// every stage is, like a rill actor, serial (one message at a time, per-stage FIFO), and it is a
// stock TBB policy that any TBB user can pick. The unlimited variant is not used: a passthrough
// may run concurrently with itself only because it is stateless, which a real node is not.
// (The numbers above are indicative; the peers are re-measured in every benchmark run.)

#include "tbb_peers.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/global_control.h>

namespace rill::bench {
namespace {

namespace flow = tbb::flow;
using Clock = std::chrono::steady_clock;

constexpr int kStages = 8;

[[noreturn]] void fail(const char* what, std::int64_t got, std::int64_t want) {
  std::fprintf(stderr, "tbb_peers: %s: got %lld, want %lld\n", what, static_cast<long long>(got),
               static_cast<long long>(want));
  std::abort();
}

// The source: hands out messages 0..n-1; the limiter after it bounds how many are in flight.
struct Source {
  std::int64_t next = 0;
  std::int64_t end = 0;
  PeerMsg operator()(tbb::flow_control& fc) {
    if (next >= end) {
      fc.stop();
      return {};
    }
    PeerMsg m;
    m.id = static_cast<std::uint64_t>(next);
    m.partial_id = m.id;
    m.payload = next;
    ++next;
    return m;
  }
};

struct Tally {
  std::atomic<std::int64_t> count{0};
  std::atomic<std::uint64_t> id_sum{0};
  void check(std::int64_t messages, std::int64_t per_message) const {
    const auto n = static_cast<std::uint64_t>(messages);
    if (count.load() != messages * per_message) fail("messages at sink", count.load(), messages);
    if (id_sum.load() != static_cast<std::uint64_t>(per_message) * (n * (n - 1) / 2)) {
      fail("id checksum at sink", static_cast<std::int64_t>(id_sum.load()), 0);
    }
  }
};

template <class Policy>
double run_chain(std::int64_t messages, int cap, std::size_t concurrency) {
  flow::graph g;
  flow::input_node<PeerMsg> src(g, Source{0, messages});
  flow::limiter_node<PeerMsg> limiter(g, static_cast<std::size_t>(cap));
  std::vector<std::unique_ptr<flow::function_node<PeerMsg, PeerMsg, Policy>>> stages;
  for (int i = 0; i < kStages; ++i) {
    stages.push_back(std::make_unique<flow::function_node<PeerMsg, PeerMsg, Policy>>(
        g, concurrency, [](const PeerMsg& m) { return m; }));
  }
  Tally tally;
  flow::function_node<PeerMsg, flow::continue_msg, Policy> sink(
      g, concurrency, [&tally](const PeerMsg& m) {
        tally.count.fetch_add(1, std::memory_order_relaxed);
        tally.id_sum.fetch_add(m.id, std::memory_order_relaxed);
        return flow::continue_msg();
      });

  flow::make_edge(src, limiter);
  flow::make_edge(limiter, *stages.front());
  for (int i = 0; i + 1 < kStages; ++i) flow::make_edge(*stages[i], *stages[i + 1]);
  flow::make_edge(*stages.back(), sink);
  flow::make_edge(sink, limiter.decrementer());

  const auto t0 = Clock::now();
  src.activate();
  g.wait_for_all();
  const std::chrono::duration<double> dt = Clock::now() - t0;
  tally.check(messages, 1);
  return static_cast<double>(messages) / dt.count();
}

using Fan8Tuple =
    std::tuple<PeerMsg, PeerMsg, PeerMsg, PeerMsg, PeerMsg, PeerMsg, PeerMsg, PeerMsg>;

template <std::size_t... I, class Stages, class Join>
void edge_branches_to_join(Stages& stages, Join& join, std::index_sequence<I...>) {
  (flow::make_edge(*stages[I], flow::input_port<I>(join)), ...);
}

template <class Policy>
double run_fan(std::int64_t messages, int cap, std::size_t concurrency) {
  flow::graph g;
  flow::input_node<PeerMsg> src(g, Source{0, messages});
  flow::limiter_node<PeerMsg> limiter(g, static_cast<std::size_t>(cap));
  flow::broadcast_node<PeerMsg> bcast(g);
  std::vector<std::unique_ptr<flow::function_node<PeerMsg, PeerMsg, Policy>>> branches;
  for (int i = 0; i < kStages; ++i) {
    branches.push_back(std::make_unique<flow::function_node<PeerMsg, PeerMsg, Policy>>(
        g, concurrency, [](const PeerMsg& m) { return m; }));
  }
  // queueing join: pairs the i-th arrival of every port. Each branch is FIFO, so with one
  // thread the tuple holds 8 copies of one message; the checksum below does not rely on it.
  flow::join_node<Fan8Tuple, flow::queueing> join(g);
  Tally tally;
  flow::function_node<Fan8Tuple, flow::continue_msg, Policy> sink(
      g, concurrency, [&tally](const Fan8Tuple& t) {
        std::uint64_t s = 0;
        std::apply([&s](const auto&... m) { s = (m.id + ...); }, t);
        tally.count.fetch_add(1, std::memory_order_relaxed);
        tally.id_sum.fetch_add(s, std::memory_order_relaxed);
        return flow::continue_msg();
      });

  flow::make_edge(src, limiter);
  flow::make_edge(limiter, bcast);
  for (auto& b : branches) flow::make_edge(bcast, *b);
  edge_branches_to_join(branches, join, std::make_index_sequence<kStages>{});
  flow::make_edge(join, sink);
  flow::make_edge(sink, limiter.decrementer());

  const auto t0 = Clock::now();
  src.activate();
  g.wait_for_all();
  const std::chrono::duration<double> dt = Clock::now() - t0;
  // Every tuple carries 8 ids; their total is 8 × (0 + 1 + ... + n-1) whatever the pairing.
  if (tally.count.load() != messages) fail("tuples at sink", tally.count.load(), messages);
  const auto n = static_cast<std::uint64_t>(messages);
  if (tally.id_sum.load() != kStages * (n * (n - 1) / 2)) fail("id checksum at sink", 0, 0);
  return static_cast<double>(messages) / dt.count();
}

double run_once(bool fan, PeerPolicy policy, std::int64_t messages, int cap) {
  switch (policy) {
    case PeerPolicy::kQueueing:
      return fan ? run_fan<flow::queueing>(messages, cap, flow::serial)
                 : run_chain<flow::queueing>(messages, cap, flow::serial);
    case PeerPolicy::kQueueingLightweight:
      return fan ? run_fan<flow::queueing_lightweight>(messages, cap, flow::serial)
                 : run_chain<flow::queueing_lightweight>(messages, cap, flow::serial);
    case PeerPolicy::kUnlimitedLightweight:
      return fan ? run_fan<flow::lightweight>(messages, cap, flow::unlimited)
                 : run_chain<flow::lightweight>(messages, cap, flow::unlimited);
  }
  std::abort();
}

}  // namespace

const std::vector<PeerVariant>& tbb_peer_variants() {
  static const std::vector<PeerVariant> variants = {
      {PeerPolicy::kQueueing, "serial/queueing", true},
      {PeerPolicy::kQueueingLightweight, "serial/lightweight", true},
      {PeerPolicy::kUnlimitedLightweight, "unlimited/lightweight", false},
  };
  return variants;
}

PeerVariant tbb_chosen_variant(bool /*fan*/, int /*threads*/) {
  // Fastest order-preserving configuration for both topologies and both thread counts.
  return tbb_peer_variants()[1];
}

double tbb_run_variant(bool fan, PeerPolicy policy, std::int64_t messages, int cap, int threads) {
  if (messages < 1 || cap < 1 || threads < 1) fail("bad argument", 0, 1);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  // Warm-up: starts TBB's workers and faults in the allocator's pages outside the timing.
  run_once(fan, policy, std::clamp<std::int64_t>(messages / 20, 1, 50'000), cap);
  return run_once(fan, policy, messages, cap);
}

double tbb_chain8(std::int64_t messages, int cap, int threads) {
  return tbb_run_variant(false, tbb_chosen_variant(false, threads).policy, messages, cap, threads);
}

double tbb_fan8(std::int64_t messages, int cap, int threads) {
  return tbb_run_variant(true, tbb_chosen_variant(true, threads).policy, messages, cap, threads);
}

namespace {
PeerBest fastest(bool fan, std::int64_t messages, int cap) {
  std::vector<int> counts = {1};
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  if (cores > 1) counts.push_back(cores);
  PeerBest best;
  for (int t : counts) {
    const double rate = fan ? tbb_fan8(messages, cap, t) : tbb_chain8(messages, cap, t);
    if (rate > best.msgs_per_s) best = {rate, t, tbb_chosen_variant(fan, t).name};
  }
  return best;
}
}  // namespace

PeerBest tbb_chain8_fastest(std::int64_t messages, int cap) {
  return fastest(false, messages, cap);
}

PeerBest tbb_fan8_fastest(std::int64_t messages, int cap) { return fastest(true, messages, cap); }

}  // namespace rill::bench
