#pragma once
// The built-in node types (MegFlow's, plus rill's), private to rill_nodes. Graphs and tests reach
// them through the registry (register_builtin_nodes / builtin_registry), so the classes need no
// public header; their behaviour is documented in docs/nodes.md.
//
// Common shape: every node looks its ports up once in init() and keeps pointers (a sealed
// Context never moves its ports). A node with inputs drains its input inside one exec call and
// returns when recv() reports std::nullopt (end-of-stream or a flush marker), so the runtime
// driver can propagate markers and decide whether to call exec again. Draining inside one call
// instead of one message per call keeps the hot path free of coroutine-frame churn.
//
// Thread safety (all types): the runtime never runs two calls of one node at once; calls may
// hop threads. DynInTransform alone runs several coroutines of its own at once (see there).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "rill/core/limits.hpp"
#include "rill/core/node.hpp"

namespace rill::nodes {
class LineFile;
}

namespace rill::nodes {

/// `Transform` and `Noop` (inp → out): forward every envelope unchanged.
class Transform final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static constexpr Output kOut{"out", "every envelope of inp, unchanged"};
  static Contract contract() { return {kIn, kOut}; }

  explicit Transform(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  InputPort* inp_ = nullptr;
  OutputPort* out_ = nullptr;
};

/// `NoopProducer` (→ out): a source that emits nothing; its output closes when it returns.
class NoopProducer final : public Node {
 public:
  static constexpr Output kOut{"out", "nothing; closes at once"};
  static Contract contract() { return {kOut}; }

  explicit NoopProducer(const NodeConfig& config) {}
  Task<> exec(Context& ctx) override;
};

/// `NoopConsumer` (inp →): reads and discards everything, so upstream never blocks on it.
class NoopConsumer final : public Node {
 public:
  static constexpr Input kIn{"inp", "read and discarded"};
  static Contract contract() { return {kIn}; }

  explicit NoopConsumer(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  InputPort* inp_ = nullptr;
};

/// `Bcast` (inp → out:[]): sends each envelope to every output end, in port order. The copies
/// share the payload (Value copies are shallow). Sends are sequential, so the slowest consumer
/// throttles every branch — the same backpressure as MegFlow's auto-inserted Bcast.
class Bcast final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static constexpr OutputList kOut{"out", "a copy of every envelope on each end"};
  static Contract contract() { return {kIn, kOut}; }

  explicit Bcast(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  InputPort* inp_ = nullptr;
  std::span<OutputPort> outs_;
};

/// `Demux` (inp → out:{}): routes each envelope to the dict output whose tag equals its
/// `to_addr`. No such tag → dropped; no `to_addr` → std::runtime_error.
class Demux final : public Node {
 public:
  static constexpr Input kIn{"inp", "envelopes with to_addr"};
  static constexpr OutputDict kOut{"out", "the end whose tag is the envelope's to_addr"};
  static Contract contract() { return {kIn, kOut}; }

  explicit Demux(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  InputPort* inp_ = nullptr;
  std::unordered_map<std::uint64_t, OutputPort*> by_tag_;
};

/// `DynDemux` (inp → out:dyn): one dynamic subgraph instance per `to_addr` key.
///
/// * data envelope, unseen key → create(key, info.tag) (the tag only matters here), then
///   forward the envelope itself; known key → forward.
/// * empty envelope → close that key's instance input and forget the key, so a later data
///   envelope with the key starts a fresh instance. Unlike MegFlow (which waits for the instance
///   inline, routing nothing meanwhile) routing goes on at once; the instance is only awaited at
///   end-of-stream. Empty envelope for an unknown key → ignored (MegFlow blocks forever when no
///   instance is live).
/// * missing `to_addr` → std::runtime_error.
/// * own end-of-stream → close every remaining instance input (MegFlow would hang) and wait
///   for every instance, including those closed earlier, before returning.
class DynDemux final : public Node {
 public:
  static constexpr Input kIn{"inp", "envelopes with to_addr (the stream key)"};
  static constexpr OutputDyn kOut{"out", "one dynamic subgraph instance per key"};
  static Contract contract() { return {kIn, kOut}; }

  explicit DynDemux(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;
  /// After a failure: closes the inputs of instances still open so they drain and end.
  void finalize(Context& ctx) override;

 private:
  void close_key(std::uint64_t key);
  /// Drops closed instances that have finished, so a long run with many short streams does not
  /// accumulate them until end-of-stream.
  void prune_closing();

  InputPort* inp_ = nullptr;
  DynOutput* out_ = nullptr;
  std::unordered_map<std::uint64_t, std::shared_ptr<DynInstance>> live_;
  std::vector<std::shared_ptr<DynInstance>> closing_;
  std::size_t prune_at_ = 64;
};

/// `Reorder` (inp → out): restores `partial_id` order 0, 1, 2, ... Envelopes ahead of the next
/// expected id wait in a buffer. Missing `partial_id`, an id already passed (duplicate or late),
/// or gaps left when the stream (or a flush marker) ends → std::runtime_error. As in MegFlow the
/// expected id is not reset by a flush marker.
class Reorder final : public Node {
 public:
  static constexpr Input kIn{"inp", "envelopes with partial_id, in any order"};
  static constexpr Output kOut{"out", "the same envelopes in partial_id order"};
  static Contract contract() { return {kIn, kOut}; }

  explicit Reorder(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  InputPort* inp_ = nullptr;
  OutputPort* out_ = nullptr;
  std::uint64_t next_ = 0;
  std::map<std::uint64_t, Envelope> pending_;
};

/// `Batch` (inp → out): rill's dynamic-batching node (not in MegFlow's native set; MegFlow apps
/// call batch_recv from Python). Collects up to batch_size envelopes, waiting at most
/// `timeout` from the start of each batch, and emits one envelope whose msg is a List of the
/// messages (null for an empty envelope) and whose info is the first envelope's. A partial
/// batch is emitted at the timeout and at end-of-stream or a flush marker (before the marker
/// passes); nothing is emitted for an empty batch.
class Batch final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static constexpr Output<List> kOut{"out", "a List of up to batch_size messages"};
  static constexpr IntArg kBatchSize{.name = "batch_size",
                                     .def = 8,
                                     .min = 1,
                                     .max = limits::kMaxBatchSize,
                                     .doc = "messages per batch"};
  static constexpr FloatArg kTimeout{
      .name = "timeout",
      .def = 100,
      .min = 0,
      .max = 86'400'000,
      .doc = "milliseconds from a batch's first message until it is sent, full or not"};
  static Contract contract() { return {kIn, kOut, kBatchSize, kTimeout}; }

  explicit Batch(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  InputPort* inp_ = nullptr;
  OutputPort* out_ = nullptr;
  std::size_t batch_size_ = 8;
  std::chrono::nanoseconds timeout_ = std::chrono::milliseconds(100);
};

/// `DynOutTransform` (inp → out:dyn): adapter that feeds a dynamic subgraph from a plain input.
///
/// Simplification of MegFlow: there, the adapter picks up every instance some other dyn owner
/// creates for the same subgraph type and runs one competing forwarder per instance. rill's
/// DynOutput only creates instances (there is no subscription to other owners' instances, and
/// MegFlow's auto-inserted adapters never got their dyn side wired), so this node creates
/// one instance (key 0, default alternative) on its first exec and forwards everything into it.
/// Flush markers reach the instance through the driver (DynOutput::send_marker). At
/// end-of-stream it closes the instance input and waits for the instance.
class DynOutTransform final : public Node {
 public:
  static constexpr Input kIn{"inp"};
  static constexpr OutputDyn kOut{"out", "one dynamic subgraph instance, fed with inp"};
  static Contract contract() { return {kIn, kOut}; }

  explicit DynOutTransform(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;
  void finalize(Context& ctx) override;

 private:
  InputPort* inp_ = nullptr;
  DynOutput* out_ = nullptr;
  std::shared_ptr<DynInstance> instance_;
};

/// `DynInTransform` (inp:dyn → out): merges the outputs of all dynamic instances into `out`.
///
/// It has no plain inputs, so the driver calls exec once: exec takes instances from the dyn
/// input as they appear and starts one forwarder coroutine per instance on the current executor
/// (instances are forwarded concurrently); it returns when the dyn input reports no more
/// instances and every forwarder has ended. Flush markers are merged like at a channel fan-in:
/// one marker goes out once every live instance has produced it (an instance that ends no longer
/// holds markers back). MegFlow rejects markers here instead.
/// Thread safety: the forwarders may run on different threads; they share only `out` (whose
/// send may be used concurrently) and a mutex-guarded join state.
class DynInTransform final : public Node {
 public:
  static constexpr InputDyn kIn{"inp", "the outputs of every dynamic instance"};
  static constexpr Output kOut{"out", "everything the instances produced, merged"};
  static Contract contract() { return {kIn, kOut}; }

  explicit DynInTransform(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  DynInput* inp_ = nullptr;
  OutputPort* out_ = nullptr;
};

/// `JsonLines` (inp → out): writes one JSON object per message to `path`, one per line
/// (json_record.hpp says what a line holds: the message's keys, frames and tensors described
/// rather than dumped, and `stream`, `frame`, `pts`), and passes every envelope on unchanged
/// (`out` may stay unconnected). An empty envelope is passed on and not written. Lines are
/// buffered and flushed at least every LineFile::kFlushEvery (a timed wait while lines are
/// pending, so an idle input still flushes), at each flush marker and at end-of-stream. Every
/// instance that has the same path open at the same time writes one file (a shared node serving
/// many streams is one instance anyway). A path that cannot be created or opened fails init()
/// with a message naming the node and the path.
class JsonLines final : public Node {
 public:
  static constexpr Input kIn{"inp", "messages to record"};
  static constexpr Output kOut{"out", "every envelope of inp, unchanged"};
  static constexpr StringArg kPath{
      .name = "path", .doc = "the file (parent directories are created)", .required = true};
  static constexpr BoolArg kAppend{
      .name = "append", .def = false, .doc = "append to the file instead of truncating it"};
  static Contract contract() { return {kIn, kOut, kPath, kAppend}; }

  explicit JsonLines(const NodeConfig& config);
  ~JsonLines() override;
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;
  /// Flushes what was written (also after a failure), so the file holds every line.
  void finalize(Context& ctx) override;

 private:
  std::string path_;
  bool append_;
  std::shared_ptr<LineFile> file_;
  InputPort* inp_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::nodes
