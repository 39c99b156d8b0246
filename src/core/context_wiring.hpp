#pragma once
// ContextWiring: how the runtime (and rill::testing) wires a Context — declares its ports, binds
// channel ends to them, seals them, and releases them when the node has finished. Private to
// rill_core: nodes see only Context's public face.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rill/core/node.hpp"

namespace rill::detail {

struct ContextWiring {
  static void set_path(Context& c, std::string path) { c.path_ = std::move(path); }
  static void set_host(Context& c, ContextHost* host) { c.host_ = host; }
  /// Declares every port of `type` (ports not declared cannot be bound or looked up).
  static void declare_ports(Context& c, const NodeType& type);
  /// Binds a channel end to a declared port (appended; list/dict ends sorted by tag in seal()).
  static void bind_input(Context& c, std::string_view port, Receiver<Envelope> rx,
                         std::optional<std::uint64_t> tag = {});
  static void bind_output(Context& c, std::string_view port, Sender<Envelope> tx,
                          std::optional<std::uint64_t> tag = {});
  static void bind_dyn_output(Context& c, std::string_view port, std::unique_ptr<DynOutput> p);
  static void bind_dyn_input(Context& c, std::string_view port, std::unique_ptr<DynInput> p);
  /// Orders list/dict ends by tag (untagged keep declaration order, after tagged ones).
  static void seal(Context& c);
  /// Makes every output refuse sends once `*flag` is set (source nodes).
  static void set_stop_flag(Context& c, const std::atomic<bool>* flag);
  /// Drops every port end (closing downstream channels whose last sender this was) and the dyn
  /// ports; the ports' counters stay readable.
  static void release_ports(Context& c);

  /// Every end of every port, for the driver's end-of-stream and marker bookkeeping.
  static std::vector<InputPort*> input_ends(Context& c);
  static std::vector<OutputPort*> output_ends(Context& c);
  static std::vector<DynOutput*> dyn_outputs(const Context& c);
  /// Messages received / sent over every end, for snapshots.
  static std::uint64_t received(const Context& c);
  static std::uint64_t sent(const Context& c);
  /// Deepest queue among the node's input ends now.
  static std::size_t max_input_depth(const Context& c);
};

}  // namespace rill::detail
