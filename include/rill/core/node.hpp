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
#include "rill/core/contract.hpp"
#include "rill/core/envelope.hpp"
#include "rill/core/registry.hpp"
#include "rill/core/task.hpp"

namespace rill {

class Context;
namespace detail {
struct ContextWiring;
}

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
  /// Drops this end (e.g. a node that stops reading early).
  void close() { rx_.release(); }

 private:
  void note(RecvStatus s) {
    if (s == RecvStatus::kValue) {  // NOLINT(bugprone-branch-clone): distinct bodies
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
      // Only reached when await_ready() said no, which means `inner` is set.
      bool await_suspend(std::coroutine_handle<> h) {
        return inner->await_suspend(h);  // NOLINT(bugprone-unchecked-optional-access)
      }
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
  /// Drops this end: when it was the last sender, downstream sees end-of-stream.
  void close() { tx_.release(); }

 private:
  friend struct detail::ContextWiring;
  /// Makes sends fail once `*flag` is set (source nodes, so they end promptly on stop()).
  void set_stop_flag(const std::atomic<bool>* flag) { stop_ = flag; }
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
  /// The next instance's output end if one is queued, without waiting. An instance's end is
  /// queued by DynOutput::create() before it returns, so a node that owns both ports of a
  /// dynamic subgraph (VideoInput) takes each instance's end right after creating it.
  virtual std::optional<Item> try_next() { return std::nullopt; }
  [[nodiscard]] virtual const std::string& name() const = 0;
};

/// Live per-node counters, written by the node's driver (relaxed atomics: one writer, any
/// readers). Graph::snapshot() turns them into NodeStats.
struct NodeCounters {
  std::atomic<std::uint64_t> execs{0};
  std::atomic<std::uint64_t> errors{0};
  std::atomic<std::uint64_t> restarts{0};
  /// Time inside exec, in CPU ticks (rill's cycle clock); NodeStats::busy_ns is the same in
  /// nanoseconds.
  std::atomic<std::uint64_t> busy_ticks{0};
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

/// Everything a node instance sees of its graph: its name and args, its ports, its resources,
/// and the graph's stop signal.
///
/// Ports are looked up with the type's port constants, `ctx[kIn]`, whose return type follows
/// the port's shape: InputPort& / OutputPort& for a unit port, a span of ends for a list or dict
/// port, DynOutput& / DynInput& for a dyn port. Look them up once, in init(): a sealed Context
/// never moves its ports.
///
/// Lifecycle: created and wired by the runtime (or rill::testing) before init(), destroyed after
/// finalize(). Thread safety: used by its node only (plus the runtime before start and after
/// finish).
class Context {
 public:
  /// For hosts and tests: a context with no graph behind it and no ports.
  explicit Context(std::string name, Map args = {});
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  ~Context();

  [[nodiscard]] const std::string& name() const { return name_; }
  /// Instance path for messages, e.g. "main/camera_3/det".
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const Map& args() const { return args_; }

  /// The port `p` of this node (see the class comment for the return types). An unconnected
  /// unit port gives a closed input / discarding output. Throws std::out_of_range when the node
  /// type's contract does not declare `p`.
  // NOLINTBEGIN(bugprone-branch-clone): each instantiation keeps one branch of the chain
  template <PortDir D, PortKind K, typename T>
  decltype(auto) operator[](const Port<D, K, T>& p) {
    if constexpr (K == PortKind::kDyn) {
      if constexpr (D == PortDir::kIn) {
        return dyn_input(p.name);
      } else {
        return dyn_output(p.name);
      }
    } else if constexpr (K == PortKind::kUnit) {
      if constexpr (D == PortDir::kIn) {
        return input(p.name);
      } else {
        return output(p.name);
      }
    } else if constexpr (D == PortDir::kIn) {
      return inputs(p.name);
    } else {
      return outputs(p.name);
    }
  }
  // NOLINTEND(bugprone-branch-clone)

  // Lookups by name, for bridges whose ports are only known at run time (Python nodes); C++
  // nodes use ctx[kPort]. Each throws std::out_of_range for an undeclared name.
  InputPort& input(std::string_view name);
  OutputPort& output(std::string_view name);
  /// List and dict ports, in tag order then declaration order.
  std::span<InputPort> inputs(std::string_view name);
  std::span<OutputPort> outputs(std::string_view name);
  DynOutput& dyn_output(std::string_view name);
  DynInput& dyn_input(std::string_view name);

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

  NodeCounters& counters() { return counters_; }
  [[nodiscard]] const NodeCounters& counters() const { return counters_; }

 private:
  // The wiring (ports bound to channels, sealing, release) is the runtime's business, reached
  // through detail::ContextWiring; it is not part of what a node sees.
  friend struct detail::ContextWiring;

  struct InputGroup {
    PortDecl decl;
    std::vector<InputPort> ends;
  };
  struct OutputGroup {
    PortDecl decl;
    std::vector<OutputPort> ends;
  };

  InputGroup* find_in(std::string_view name);
  OutputGroup* find_out(std::string_view name);
  [[noreturn]] void undeclared(std::string_view what, std::string_view name) const;

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
  NodeCounters counters_;
};

}  // namespace rill
