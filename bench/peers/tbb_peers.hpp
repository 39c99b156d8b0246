#pragma once
// Intel oneTBB flow-graph peers for rill's core benchmarks (core.chain8, core.fan8).
//
// Each peer builds the same topology as the rill benchmark, as a TBB flow graph, in the
// configuration that is fastest on the benchmark machine (see tbb_peers.cpp for the variants
// measured and why the chosen one is honest), and returns messages per second.
//
// The message: PeerMsg, 64 bytes — five uint64 routing/trace fields, an int64 payload and a
// shared_ptr to rarely used metadata that stays null, which is what a rill Envelope carrying an
// int64 Value looks like on the hot path (inline ids + a null copy-on-write extension pointer).
// TBB passes it by const reference into each body and each passthrough returns a copy.
//
// Bounding: at most `cap` source messages are in flight in the graph at any time. A
// limiter_node(cap) sits right after the input_node; the sink decrements it once per message
// that left the graph. With `cap` = 16 this matches a rill chain whose edges have cap 16 closely
// enough: both keep the working set in cache and neither queues unboundedly.
//
// Threads: a tbb::global_control(max_allowed_parallelism, threads) is held for the call;
// threads = 1 means the calling thread runs the whole graph (no TBB worker threads).
//
// Thread safety: each call builds its own graph; calls must not overlap, because
// global_control is process-wide.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rill::bench {

/// The message passed through the peer graphs (64 bytes; see the file comment).
struct PeerMsg {
  std::uint64_t id = 0;
  std::uint64_t partial_id = 0;
  std::uint64_t to_addr = 0;
  std::uint64_t source_id = 0;
  std::int64_t created_ns = 0;
  std::int64_t payload = 0;
  std::shared_ptr<const void> ext;
};
static_assert(sizeof(PeerMsg) == 64, "PeerMsg should stay comparable to rill's Envelope");

/// source → 8 passthrough function_nodes → sink, at most `cap` messages in flight, `threads` TBB
/// threads. Returns messages per second for `messages` messages (after a short warm-up).
double tbb_chain8(std::int64_t messages, int cap, int threads);

/// source → broadcast to 8 passthrough function_nodes → join (queueing) → sink, at most `cap`
/// source messages in flight. Returns source messages per second.
double tbb_fan8(std::int64_t messages, int cap, int threads);

/// A peer measured at its fastest thread count.
struct PeerBest {
  double msgs_per_s = 0;    ///< the best rate
  int threads = 0;          ///< the thread count that gave it
  const char* config = "";  ///< the flow-graph configuration, e.g. "serial/lightweight"
};

/// "The peer in its faster configuration on this machine": runs tbb_chain8 with 1 thread and
/// with every core (std::thread::hardware_concurrency(), when > 1) and returns the faster.
PeerBest tbb_chain8_fastest(std::int64_t messages, int cap);

/// As tbb_chain8_fastest, for tbb_fan8.
PeerBest tbb_fan8_fastest(std::int64_t messages, int cap);

// ----------------------------------------------------------------- variants (bench_tbb_peers)

/// How the passthrough function_nodes are configured.
enum class PeerPolicy {
  kQueueing,              ///< serial, tbb::flow::queueing (TBB's default): one task per message
  kQueueingLightweight,   ///< serial, queueing_lightweight: body runs in the pushing thread
  kUnlimitedLightweight,  ///< unlimited concurrency, lightweight (may reorder with > 1 thread)
};

/// One measured configuration.
struct PeerVariant {
  PeerPolicy policy;
  const char* name;      ///< e.g. "serial/queueing"
  bool preserves_order;  ///< true when each stage is serial like a rill actor
};

/// Every configuration tbb_peers.cpp knows, for `bench_tbb_peers --variants`.
const std::vector<PeerVariant>& tbb_peer_variants();

/// The configuration tbb_chain8 / tbb_fan8 use for a thread count.
PeerVariant tbb_chosen_variant(bool fan, int threads);

/// Runs chain8 (fan = false) or fan8 (fan = true) in one variant; messages per second.
/// Aborts if the sink did not see every message exactly once.
double tbb_run_variant(bool fan, PeerPolicy policy, std::int64_t messages, int cap, int threads);

}  // namespace rill::bench
