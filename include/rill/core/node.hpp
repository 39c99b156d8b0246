#pragma once
// Node, its ports and its Context: what a node implementation sees.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rill/core/channel.hpp"
#include "rill/core/envelope.hpp"
#include "rill/core/registry.hpp"
#include "rill/core/task.hpp"

namespace rill {

class Context;

/// A node: one actor of a graph. The runtime calls init() once, then exec() repeatedly — once
/// for a node without inputs (a source produces its whole stream in that call), otherwise
/// until every input has reported end-of-stream — then finalize(). This is MegFlow's node
/// contract; it lets flush markers of shared nodes propagate between exec calls.
///
/// Lifecycle: built by the type's factory per instance (per clone, per subgraph instance).
/// Thread safety: the runtime never runs two calls of one node at once; consecutive calls may
/// run on different threads of the node's executor.
class Node {
 public:
  virtual ~Node() = default;
  /// Resolve ports and resources. Throwing fails the node as exec would.
  virtual void init(Context& ctx) {}
  /// One activation. `ctx` lives as long as the node; it is the only reference parameter a
  /// coroutine in rill may take.
  virtual Task<> exec(Context& ctx) = 0;
  /// Called once after the last exec (also after a failure).
  virtual void finalize(Context& ctx) {}
};

/// Per-port counters; written by the owning node only, read by anyone (relaxed).
struct PortCounters {
  PortCounters() = default;
  PortCounters(PortCounters&& o) noexcept : messages(o.messages.load(std::memory_order_relaxed)) {}
  PortCounters& operator=(PortCounters&& o) noexcept {
    messages.store(o.messages.load(std::memory_order_relaxed), std::memory_order_relaxed);
    return *this;
  }
  std::atomic<std::uint64_t> messages{0};
  void add() {
    messages.store(messages.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
};

/// The receiving side of a port as a node sees it. An unconnected input reports end-of-stream at
/// once. Thread safety: used by its node only.
class InputPort {
 public:
  InputPort() = default;
  InputPort(std::string name, Receiver<Envelope> rx, std::optional<std::uint64_t> tag = {})
      : name_(std::move(name)), rx_(std::move(rx)), tag_(tag) {}
  InputPort(InputPort&&) noexcept = default;
  InputPort& operator=(InputPort&&) noexcept = default;

  /// Awaitable: the next envelope, or std::nullopt at end-of-stream or on a flush marker
  /// (last_status() tells which). Not cancellable except by closing the channel.
  auto recv() {
    using Inner = decltype(std::declval<Receiver<Envelope>&>().recv());
    struct Awaiter {
      InputPort* port;
      Inner inner;
      bool await_ready() noexcept { return inner.await_ready(); }
      bool await_suspend(std::coroutine_handle<> h) { return inner.await_suspend(h); }
      std::optional<Envelope> await_resume() {
        auto v = inner.await_resume();
        port->note(port->rx_.last_status());
        return v;
      }
    };
    return Awaiter{this, rx_.recv()};
  }
  /// kValue (into out), kEmpty, kMarker or kEnd, without waiting.
  RecvStatus try_recv(std::optional<Envelope>& out) {
    RecvStatus s = rx_.try_recv(out);
    if (s != RecvStatus::kEmpty) note(s);
    return s;
  }
  /// Receive with a timeout: kValue, kEnd, kMarker or kTimeout.
  Task<RecvResult<Envelope>> recv_for(std::chrono::nanoseconds timeout);
  /// Up to n envelopes within `timeout` of the call; closed = end-of-stream/marker hit.
  Task<BatchResult<Envelope>> batch_recv(std::size_t n, std::chrono::nanoseconds timeout);

  [[nodiscard]] RecvStatus last_status() const { return rx_.last_status(); }
  /// True once this end observed end-of-stream.
  [[nodiscard]] bool ended() const { return ended_; }
  /// Flush markers this end has observed.
  [[nodiscard]] std::uint64_t markers() const { return markers_; }
  [[nodiscard]] bool connected() const { return rx_.valid(); }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::optional<std::uint64_t> tag() const { return tag_; }
  [[nodiscard]] ChannelStats stats() const { return rx_.stats(); }
  [[nodiscard]] std::uint64_t received() const {
    return counters_.messages.load(std::memory_order_relaxed);
  }
  Receiver<Envelope>& receiver() { return rx_; }
  /// Drops this end (e.g. a node that stops reading early).
  void close() { rx_.release(); }

 private:
  void note(RecvStatus s) {
    if (s == RecvStatus::kValue) {
      counters_.add();
    } else if (s == RecvStatus::kEnd) {
      ended_ = true;
    } else if (s == RecvStatus::kMarker) {
      ++markers_;
    }
  }

  std::string name_;
  Receiver<Envelope> rx_;
  std::optional<std::uint64_t> tag_;
  bool ended_ = false;
  std::uint64_t markers_ = 0;
  PortCounters counters_;
};

/// The sending side of a port as a node sees it. An unconnected output discards what is sent.
/// The output of a node without inputs (a source) refuses sends once its graph is stopping, so
/// sources end promptly on stop(). Thread safety: send/try_send/send_marker may be called by
/// several coroutines of the owning node; release() only when no send is in progress.
class OutputPort {
 public:
  OutputPort() = default;
  OutputPort(std::string name, Sender<Envelope> tx, std::optional<std::uint64_t> tag = {})
      : name_(std::move(name)), tx_(std::move(tx)), tag_(tag) {}
  OutputPort(OutputPort&&) noexcept = default;
  OutputPort& operator=(OutputPort&&) noexcept = default;

  /// Awaitable send: suspends while the channel is full. kOk (also when unconnected: the
  /// message is discarded) or kClosed (the message was dropped).
  auto send(Envelope e) {
    using Inner = decltype(std::declval<Sender<Envelope>&>().send(Envelope{}));
    struct Awaiter {
      OutputPort* port;
      std::optional<Inner> inner;
      SendStatus early = SendStatus::kOk;
      bool await_ready() noexcept { return !inner.has_value(); }
      bool await_suspend(std::coroutine_handle<> h) { return inner->await_suspend(h); }
      SendStatus await_resume() {
        if (!inner) return early;
        SendStatus s = inner->await_resume();
        if (s == SendStatus::kOk) port->counters_.add();
        return s;
      }
    };
    if (stopping()) return Awaiter{this, std::nullopt, SendStatus::kClosed};
    if (!tx_.valid()) return Awaiter{this, std::nullopt, SendStatus::kOk};
    Awaiter a{this, std::nullopt, SendStatus::kOk};
    a.inner.emplace(tx_.send(std::move(e)));
    return a;
  }
  SendStatus try_send(Envelope& e) {
    if (stopping()) return SendStatus::kClosed;
    if (!tx_.valid()) return SendStatus::kOk;
    SendStatus s = tx_.try_send(e);
    if (s == SendStatus::kOk) counters_.add();
    return s;
  }
  void send_marker() { tx_.send_marker(); }

  [[nodiscard]] bool connected() const { return tx_.valid(); }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::optional<std::uint64_t> tag() const { return tag_; }
  [[nodiscard]] ChannelStats stats() const { return tx_.stats(); }
  [[nodiscard]] std::uint64_t sent() const {
    return counters_.messages.load(std::memory_order_relaxed);
  }
  Sender<Envelope>& sender() { return tx_; }
  /// Drops this end: when it was the last sender, downstream sees end-of-stream.
  void close() { tx_.release(); }
  /// Makes sends fail once `*flag` is set (used for source nodes).
  void set_stop_flag(const std::atomic<bool>* flag) { stop_ = flag; }

 private:
  [[nodiscard]] bool stopping() const { return stop_ && stop_->load(std::memory_order_relaxed); }

  std::string name_;
  Sender<Envelope> tx_;
  std::optional<std::uint64_t> tag_;
  const std::atomic<bool>* stop_ = nullptr;
  PortCounters counters_;
};

/// One dynamically created subgraph instance, as its creator sees it.
class DynInstance {
 public:
  virtual ~DynInstance() = default;
  [[nodiscard]] virtual std::uint64_t key() const = 0;
  /// Sender into the instance's attached input port.
  virtual OutputPort& input() = 0;
  /// Closes the instance's input: it drains and ends.
  virtual void close() = 0;
  /// Completes when the instance has finished.
  virtual Task<> wait() = 0;
  [[nodiscard]] virtual bool done() const = 0;
};

/// A `dyn` output port: creates one subgraph instance per key.
class DynOutput {
 public:
  virtual ~DynOutput() = default;
  /// Creates an instance of the attached dynamic subgraph for `key`; the alternative is the
  /// graph named `tag`, or the first declared one when no tag is given. Throws std::runtime_error
  /// when `tag` names none of the alternatives or the instance cannot be built.
  virtual std::shared_ptr<DynInstance> create(std::uint64_t key,
                                              const std::optional<std::string>& tag) = 0;
  [[nodiscard]] virtual const std::string& name() const = 0;
  /// Forwards a flush marker to every live instance (driver marker propagation).
  virtual void send_marker() {}
};

/// A `dyn` input port: yields the output ends of instances as they are created.
class DynInput {
 public:
  virtual ~DynInput() = default;
  struct Item {
    std::uint64_t key = 0;
    InputPort port;
  };
  /// The next instance's output end; std::nullopt once no more instances can appear.
  virtual Task<std::optional<Item>> next() = 0;
  [[nodiscard]] virtual const std::string& name() const = 0;
};

/// Per-node counters for metrics and the profiler (relaxed atomics, written by the node's runner).
struct NodeStats {
  std::atomic<std::uint64_t> execs{0};
  std::atomic<std::uint64_t> errors{0};
  std::atomic<std::uint64_t> restarts{0};
  std::atomic<std::int64_t> busy_ns{0};
};

/// Backend the runtime plugs into a Context (graph-instance services).
class ContextHost {
 public:
  virtual ~ContextHost() = default;
  /// The resource `name` as visible to this node, or null when not visible.
  virtual Value resource(std::string_view name) = 0;
  /// Names of the resources visible to this node (its `res` list plus captured globals).
  [[nodiscard]] virtual std::vector<std::string> resource_names() const = 0;
  /// Completes when the node's graph instance is closed (finished, failed or stopped).
  virtual Task<> wait_closed() = 0;
  [[nodiscard]] virtual bool stop_requested() const = 0;
};

/// Everything a node instance sees of its graph: its name and args, its ports by name,
/// its resources, and the graph's stop signal.
///
/// Lifecycle: created by the runtime before init(), destroyed after finalize(). The runtime
/// binds ports before init(); nodes look them up by name (ideally once, in init()).
/// Thread safety: used by its node only (plus the runtime before start and after finish).
class Context {
 public:
  /// For tests and hosts: a context with no graph behind it.
  Context(std::string name, Map args = {});
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  ~Context();

  [[nodiscard]] const std::string& name() const { return name_; }
  /// Instance path for messages, e.g. "main/camera_3/det".
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const Map& args() const { return args_; }

  /// The unit input/output port `name`; an unconnected declared port gives a closed / discarding
  /// end. Throws std::out_of_range when the node type declares no such port.
  InputPort& input(std::string_view name);
  OutputPort& output(std::string_view name);
  /// List ports (`inp:[]`), in tag order then declaration order.
  std::span<InputPort> inputs(std::string_view name);
  std::span<OutputPort> outputs(std::string_view name);
  /// Dict port (`out:{}`): the end bound with `tag`, or nullptr.
  OutputPort* output_tagged(std::string_view name, std::uint64_t tag);
  InputPort* input_tagged(std::string_view name, std::uint64_t tag);
  DynOutput& dyn_output(std::string_view name);
  DynInput& dyn_input(std::string_view name);

  /// Every input end of every port (for the driver's end-of-stream and marker bookkeeping).
  [[nodiscard]] std::size_t input_end_count() const;
  [[nodiscard]] bool has_inputs() const { return !inputs_.empty(); }
  /// True once every input end has observed end-of-stream: the driver stops calling exec.
  [[nodiscard]] bool all_inputs_ended() const;
  /// Flush markers observed so far, summed over every input end.
  [[nodiscard]] std::uint64_t markers_seen() const;

  /// The resource `name` if this node lists it in `res` and it resolves; else null Value.
  Value resource(std::string_view name);
  /// The names resource() resolves (a Python node gets one attribute per name).
  [[nodiscard]] std::vector<std::string> resource_names() const;
  /// Completes when the graph instance closes (isolated nodes wait on this).
  Task<> wait_closed();
  /// True once the graph is stopping (stop() or a failure elsewhere).
  [[nodiscard]] bool stop_requested() const;

  NodeStats& stats() { return stats_; }

  // ---- binding, used by the runtime and tests ----
  struct InputGroup {
    PortDecl decl;
    std::vector<InputPort> ends;
  };
  struct OutputGroup {
    PortDecl decl;
    std::vector<OutputPort> ends;
  };
  void set_path(std::string path) { path_ = std::move(path); }
  void set_host(ContextHost* host) { host_ = host; }
  void declare_input(const PortDecl& decl);
  void declare_output(const PortDecl& decl);
  /// Binds a channel end to a declared port (appended; list/dict ends sorted by tag later).
  void bind_input(std::string_view name, Receiver<Envelope> rx,
                  std::optional<std::uint64_t> tag = {});
  void bind_output(std::string_view name, Sender<Envelope> tx,
                   std::optional<std::uint64_t> tag = {});
  void bind_dyn_output(std::string_view name, std::unique_ptr<DynOutput> port);
  void bind_dyn_input(std::string_view name, std::unique_ptr<DynInput> port);
  /// Orders list/dict ends by tag (untagged keep declaration order, after tagged ones).
  void seal();
  std::vector<InputGroup>& input_groups() { return inputs_; }
  std::vector<OutputGroup>& output_groups() { return outputs_; }
  /// Every dyn output (for marker fan-out).
  std::vector<DynOutput*> dyn_outputs() const;
  /// Makes every output refuse sends once `*flag` is set (source nodes).
  void set_stop_flag(const std::atomic<bool>* flag);
  /// Drops every port end (closing downstream channels whose last sender this was) and the dyn
  /// ports. The runtime calls it when the node has finished.
  void release_ports();

 private:
  InputGroup* find_in(std::string_view name);
  OutputGroup* find_out(std::string_view name);

  std::string name_;
  std::string path_;
  Map args_;
  ContextHost* host_ = nullptr;
  std::vector<InputGroup> inputs_;
  std::vector<OutputGroup> outputs_;
  std::vector<std::pair<std::string, std::unique_ptr<DynOutput>>> dyn_out_named_;
  std::vector<std::pair<std::string, std::unique_ptr<DynInput>>> dyn_in_named_;
  InputPort unconnected_in_;
  OutputPort unconnected_out_;
  NodeStats stats_;
};

}  // namespace rill
