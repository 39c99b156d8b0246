#pragma once
// Registry: the node and resource types a graph may name. Built-ins are added explicitly
// (register_builtin_nodes); plugin code uses RILL_REGISTER_NODE, collected when its library is
// loaded.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rill/core/contract.hpp"
#include "rill/core/value.hpp"

namespace rill {

class Node;

/// What a factory gets to build one node instance. `args` have passed the type's contract:
/// every declared argument is present with its declared kind, so `arg(kX)` cannot fail for a
/// node built by the runtime.
struct NodeConfig {
  std::string name;  ///< instance name as declared
  std::string path;  ///< "main/sub/node" for messages
  Map args;          ///< declared args merged with inherited ones, defaults filled in

  /// The typed value of a declared argument (its default when absent).
  [[nodiscard]] std::int64_t arg(const IntArg& a) const;
  [[nodiscard]] double arg(const FloatArg& a) const;
  [[nodiscard]] bool arg(const BoolArg& a) const;
  [[nodiscard]] std::string arg(const StringArg& a) const;
  template <std::size_t N>
  [[nodiscard]] std::string arg(const EnumArg<N>& a) const {
    const Value* v = args.find(a.name);
    return v != nullptr && v->is_string() ? v->as_string() : std::string(a.def);
  }
  [[nodiscard]] const List& arg(const ListArg& a) const;
  [[nodiscard]] const Map& arg(const MapArg& a) const;
  [[nodiscard]] const Value& arg(const AnyArg& a) const;
};

using NodeFactory = std::function<std::unique_ptr<Node>(const NodeConfig&)>;

/// A registered node type: its contract and how to build an instance.
struct NodeType {
  std::string name;
  Contract contract;
  /// Executor the type's instances run on unless the config names one ("" = default pool).
  std::string executor;
  NodeFactory factory;
  std::string doc;  ///< one line, shown by `rill nodes`

  [[nodiscard]] const std::vector<PortDecl>& inputs() const { return contract.inputs(); }
  [[nodiscard]] const std::vector<PortDecl>& outputs() const { return contract.outputs(); }
  [[nodiscard]] const PortDecl* find_input(std::string_view name) const;
  [[nodiscard]] const PortDecl* find_output(std::string_view name) const;
};

/// The NodeType of node class `T`: `T::contract()` declares its ports and arguments, and `T` is
/// constructible from `const NodeConfig&`.
template <typename T>
NodeType node_type(std::string name, std::string doc) {
  NodeType t;
  t.name = std::move(name);
  t.contract = T::contract();
  t.doc = std::move(doc);
  t.factory = [](const NodeConfig& c) -> std::unique_ptr<Node> { return std::make_unique<T>(c); };
  return t;
}

/// Builds a resource object (a model, a buffer); called lazily on first use.
using ResourceFactory = std::function<Value(const std::string& name, const Map& args)>;

struct ResourceType {
  std::string name;
  ResourceFactory factory;
};

/// Thread safety: fill it before building graphs; lookups may then run concurrently.
class Registry {
 public:
  /// Adds or replaces (last registration wins, as in MegFlow).
  void add_node(NodeType type);
  void add_resource(ResourceType type);

  /// Registers node class T (see node_type()).
  template <typename T>
  void add(std::string name, std::string doc) {
    add_node(node_type<T>(std::move(name), std::move(doc)));
  }

  [[nodiscard]] const NodeType* find_node(std::string_view name) const;
  [[nodiscard]] const ResourceType* find_resource(std::string_view name) const;
  /// Sorted names, for "did you mean" lists in errors.
  [[nodiscard]] std::vector<std::string> node_names() const;
  [[nodiscard]] std::vector<std::string> resource_names() const;

  /// Moves every registration made through RILL_REGISTER_NODE / RILL_REGISTER_RESOURCE so far
  /// (e.g. by a plugin library just loaded) into this registry.
  void add_pending_plugins();

 private:
  std::map<std::string, NodeType, std::less<>> nodes_;
  std::map<std::string, ResourceType, std::less<>> resources_;
};

/// Adds rill's built-in nodes (Transform, Bcast, Demux, DynDemux, Reorder, Batch, ...).
/// Defined in rill_nodes.
void register_builtin_nodes(Registry& registry);

/// A registry with the built-in nodes, shared read-only.
std::shared_ptr<const Registry> builtin_registry();

namespace detail {
/// Registrations made by plugin code at load time, waiting for Registry::add_pending_plugins.
void add_pending_node(NodeType type);
void add_pending_resource(ResourceType type);
}  // namespace detail

}  // namespace rill

#define RILL_DETAIL_CAT2(a, b) a##b
#define RILL_DETAIL_CAT(a, b) RILL_DETAIL_CAT2(a, b)

/// Registers node class `Type` under `name` for a plugin library, e.g.
///   RILL_REGISTER_NODE(MyDetector, "MyDetector", "finds faces in every frame");
/// The registration runs when the library is loaded and is collected by
/// Registry::add_pending_plugins(). Built-in nodes use register_builtin_nodes instead, because a
/// static library's unreferenced registrars are silently dropped by the linker.
#define RILL_REGISTER_NODE(Type, name, doc) \
  RILL_REGISTER_NODE_TYPE(::rill::node_type<Type>(name, doc))

/// Registers a NodeType expression (e.g. a function node: `rill::map_node(...)`).
#define RILL_REGISTER_NODE_TYPE(...)                                        \
  static const bool RILL_DETAIL_CAT(rill_registered_node_, __LINE__) = [] { \
    ::rill::detail::add_pending_node(__VA_ARGS__);                          \
    return true;                                                            \
  }()
