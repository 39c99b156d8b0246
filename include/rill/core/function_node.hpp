#pragma once
// Function nodes: a node that is a plain function needs no class. Each builder returns the
// NodeType to register, with the usual ports (`inp` and/or `out`) and the arguments given.
//
//   static constexpr rill::IntArg kFactor{.name = "factor", .def = 2, .doc = "multiplier"};
//   RILL_REGISTER_NODE_TYPE(rill::map_node(
//       "Doubler", "multiplies integers by `factor`",
//       [](std::int64_t x, const rill::NodeConfig& c) { return x * c.arg(kFactor); }, {kFactor}));
//
// The function's first parameter says what it takes: a payload type (std::int64_t, double, bool,
// std::string, Bytes, List, Map, Value, std::shared_ptr<const Frame>, ...), converted from each
// message (a mismatch is a node error, handled by the node's on_error), or the whole Envelope.
// An optional second parameter `const NodeConfig&` gives the node's typed arguments. Each node
// instance gets its own copy of the function, so a `mutable` lambda may keep per-instance state.
// A map's result is sent with the input's Info (so shared nodes route it back); a
// std::optional result that is empty sends nothing, and an Envelope result is sent as it is.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "rill/core/contract.hpp"
#include "rill/core/frame.hpp"
#include "rill/core/node.hpp"
#include "rill/core/registry.hpp"

namespace rill {

/// The payload of a message as `T` (see the file comment). Throws TypeError on a mismatch.
template <typename T>
T payload_as(const Value& v) {
  if constexpr (std::is_same_v<T, Value>) {
    return v;
  } else if constexpr (std::is_same_v<T, bool>) {
    return v.as_bool();
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(v.as_int());
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(v.as_double());
  } else if constexpr (std::is_same_v<T, std::string>) {
    return v.as_string();
  } else if constexpr (std::is_same_v<T, Bytes>) {
    return v.as_bytes();
  } else if constexpr (std::is_same_v<T, List>) {
    return v.as_list();
  } else if constexpr (std::is_same_v<T, Map>) {
    return v.as_map();
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Frame>>) {
    return v.as_frame();
  } else if constexpr (std::is_same_v<T, std::shared_ptr<const Tensor>>) {
    return v.as_tensor();
  } else {
    static_assert(sizeof(T) == 0, "payload_as: unsupported payload type");
  }
}

namespace detail {

/// The parameter list of a callable that is not generic (a lambda with typed parameters, a
/// function pointer, a functor with one operator()).
template <typename... A>
struct ParamList {
  using Params = std::tuple<std::decay_t<A>...>;
  static constexpr std::size_t kCount = sizeof...(A);
};
template <typename F>
struct CallableArgs : CallableArgs<decltype(&F::operator())> {};
template <typename C, typename R, typename... A>
struct CallableArgs<R (C::*)(A...) const> : ParamList<A...> {};
template <typename C, typename R, typename... A>
struct CallableArgs<R (C::*)(A...)> : ParamList<A...> {};
template <typename R, typename... A>
struct CallableArgs<R (*)(A...)> : ParamList<A...> {};

/// What a function of the node takes as its message parameter (void for a source).
template <typename F>
using MessageParam = std::tuple_element_t<0, typename CallableArgs<F>::Params>;

/// Calls `fn` with the message converted to its first parameter (and the config if it takes it).
template <typename F>
decltype(auto) call_with_message(F& fn, Envelope& e, const NodeConfig& config) {
  using T = MessageParam<F>;
  auto&& msg = [&]() -> decltype(auto) {
    if constexpr (std::is_same_v<T, Envelope>) {
      return std::move(e);
    } else {
      return payload_as<T>(e.msg());
    }
  }();
  if constexpr (CallableArgs<F>::kCount >= 2) {
    return fn(std::forward<decltype(msg)>(msg), config);
  } else {
    return fn(std::forward<decltype(msg)>(msg));
  }
}

template <typename F>
decltype(auto) call_without_message(F& fn, const NodeConfig& config) {
  if constexpr (std::is_invocable_v<F&, const NodeConfig&>) {
    return fn(config);
  } else {
    return fn();
  }
}

template <typename>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

/// The envelope a map or source sends for result `r`, or nothing.
template <typename R>
std::optional<Envelope> to_envelope(R&& r, const Info* info) {
  using D = std::decay_t<R>;
  if constexpr (kIsOptional<D>) {
    if (!r) return std::nullopt;
    return to_envelope(std::move(*r), info);
  } else if constexpr (std::is_same_v<D, Envelope>) {
    return std::move(r);
  } else {
    return info ? Envelope(Value(std::forward<R>(r)), *info) : Envelope(Value(std::forward<R>(r)));
  }
}

inline constexpr Input kFnIn{"inp"};
inline constexpr Output kFnOut{"out"};

/// The class behind every function node: Kind says which ports it has and how it calls.
enum class FnKind : std::uint8_t { kMap, kFilter, kSink, kSource };

template <FnKind Kind, typename F>
class FunctionNode final : public Node {
 public:
  FunctionNode(F fn, NodeConfig config) : fn_(std::move(fn)), config_(std::move(config)) {}

  void init(Context& ctx) override {
    if constexpr (Kind != FnKind::kSource) in_ = &ctx[kFnIn];
    if constexpr (Kind != FnKind::kSink) out_ = &ctx[kFnOut];
  }

  // NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): exec(Context&)
  Task<> exec(Context& ctx) override {
    if constexpr (Kind == FnKind::kSource) {
      for (;;) {
        std::optional<Envelope> e = to_envelope(call_without_message(fn_, config_), nullptr);
        if (!e) co_return;  // the function said the stream is over
        if (co_await out_->send(std::move(*e)) == SendStatus::kClosed) co_return;
      }
    } else {
      while (auto e = co_await in_->recv()) {
        if constexpr (Kind == FnKind::kSink) {
          call_with_message(fn_, *e, config_);
        } else if constexpr (Kind == FnKind::kFilter) {
          Envelope keep = *e;  // shallow: the payload is shared, not copied
          if (call_with_message(fn_, *e, config_)) co_await out_->send(std::move(keep));
        } else {
          const Info info = e->info();
          std::optional<Envelope> out = to_envelope(call_with_message(fn_, *e, config_), &info);
          if (out) co_await out_->send(std::move(*out));
        }
      }
    }
  }

 private:
  F fn_;
  NodeConfig config_;
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

template <FnKind Kind, typename F, typename Param>
NodeType function_node_type(std::string name, std::string doc, F fn, Contract contract) {
  if constexpr (Kind != FnKind::kSource) {
    PortDecl in = kFnIn.decl();
    in.type = std::string(payload_name<Param>());  // the input carries what the function takes
    contract.add_input(std::move(in));
  }
  if constexpr (Kind != FnKind::kSink) contract.add_output(kFnOut.decl());
  NodeType t;
  t.name = std::move(name);
  t.contract = std::move(contract);
  t.doc = std::move(doc);
  t.factory = [fn = std::move(fn)](const NodeConfig& c) -> std::unique_ptr<Node> {
    return std::make_unique<FunctionNode<Kind, F>>(fn, c);
  };
  return t;
}

template <typename T>
struct PayloadOf {
  using type = T;
};
template <>
struct PayloadOf<std::shared_ptr<const Frame>> {
  using type = Frame;
};
template <>
struct PayloadOf<Envelope> {
  using type = Value;
};

}  // namespace detail

/// inp → out: sends fn(message) for every message (see the file comment for the forms of fn).
template <typename F>
NodeType map_node(std::string name, std::string doc, F fn, Contract args = {}) {
  using P = typename detail::PayloadOf<detail::MessageParam<F>>::type;
  return detail::function_node_type<detail::FnKind::kMap, F, P>(std::move(name), std::move(doc),
                                                                std::move(fn), std::move(args));
}

/// inp → out: forwards the messages for which fn(message) is true, unchanged.
template <typename F>
NodeType filter_node(std::string name, std::string doc, F fn, Contract args = {}) {
  using P = typename detail::PayloadOf<detail::MessageParam<F>>::type;
  return detail::function_node_type<detail::FnKind::kFilter, F, P>(std::move(name), std::move(doc),
                                                                   std::move(fn), std::move(args));
}

/// inp →: calls fn(message) for every message.
template <typename F>
NodeType sink_node(std::string name, std::string doc, F fn, Contract args = {}) {
  using P = typename detail::PayloadOf<detail::MessageParam<F>>::type;
  return detail::function_node_type<detail::FnKind::kSink, F, P>(std::move(name), std::move(doc),
                                                                 std::move(fn), std::move(args));
}

/// → out: sends fn() (or fn(config)) again and again until it returns an empty std::optional,
/// or until the graph stops.
template <typename F>
NodeType source_node(std::string name, std::string doc, F fn, Contract args = {}) {
  return detail::function_node_type<detail::FnKind::kSource, F, Value>(
      std::move(name), std::move(doc), std::move(fn), std::move(args));
}

}  // namespace rill
