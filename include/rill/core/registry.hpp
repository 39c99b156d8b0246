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

#include "rill/core/value.hpp"

namespace rill {

class Node;

/// Shape of a port: one channel end, an ordered list (`inp:[]`), a tag-keyed dict (`out:{}`), or
/// a dynamic port that creates subgraph instances at run time (`out:dyn`).
enum class PortKind : std::uint8_t { kUnit, kList, kDict, kDyn };

struct PortDecl {
  std::string name;
  PortKind kind = PortKind::kUnit;
};

/// Parses MegFlow's declaration syntax: "p", "p:[]", "p:{}", "p:dyn". False on anything else.
bool parse_port_decl(std::string_view text, PortDecl* out);
std::string format_port_decl(const PortDecl& p);

/// What a factory gets to build one node instance.
struct NodeConfig {
  std::string name;  ///< instance name as declared
  std::string path;  ///< "main/sub/node" for messages
  Map args;          ///< declared args merged with inherited ones
};

using NodeFactory = std::function<std::unique_ptr<Node>(const NodeConfig&)>;

struct NodeType {
  std::string name;
  std::vector<PortDecl> inputs;
  std::vector<PortDecl> outputs;
  /// Blocking node: gets a dedicated thread (MegFlow `exclusive = true`).
  bool exclusive = false;
  /// Executor the type's instances run on unless the config names one ("" = default pool).
  std::string executor;
  NodeFactory factory;
  std::string doc;  ///< one line, shown by `rill validate --list-types`

  [[nodiscard]] const PortDecl* find_input(std::string_view name) const;
  [[nodiscard]] const PortDecl* find_output(std::string_view name) const;
};

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

  /// Convenience: registers T (constructible from const NodeConfig&) with MegFlow port strings.
  template <typename T>
  void add(std::string name, std::vector<std::string> inputs, std::vector<std::string> outputs,
           std::string doc = {}, bool exclusive = false);

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
std::vector<PortDecl> parse_port_list(const std::vector<std::string>& decls);
}  // namespace detail

template <typename T>
void Registry::add(std::string name, std::vector<std::string> inputs,
                   std::vector<std::string> outputs, std::string doc, bool exclusive) {
  NodeType t;
  t.name = std::move(name);
  t.inputs = detail::parse_port_list(inputs);
  t.outputs = detail::parse_port_list(outputs);
  t.exclusive = exclusive;
  t.doc = std::move(doc);
  t.factory = [](const NodeConfig& c) -> std::unique_ptr<Node> { return std::make_unique<T>(c); };
  add_node(std::move(t));
}

}  // namespace rill

#define RILL_DETAIL_CAT2(a, b) a##b
#define RILL_DETAIL_CAT(a, b) RILL_DETAIL_CAT2(a, b)

/// Registers node class `Type` (constructible from `const rill::NodeConfig&`) under `name` with
/// MegFlow port strings, e.g.
///   RILL_REGISTER_NODE(MyDetector, "MyDetector", {"inp"}, {"out"});
/// For plugin libraries: the registration runs when the library is loaded and is collected by
/// Registry::add_pending_plugins(). Built-in nodes use register_builtin_nodes instead, because a
/// static library's unreferenced registrars are silently dropped by the linker.
#define RILL_REGISTER_NODE(Type, name, ...)                                                  \
  static const bool RILL_DETAIL_CAT(rill_registered_node_, __LINE__) = [] {                   \
    ::rill::Registry rill_tmp_registry;                                                        \
    rill_tmp_registry.add<Type>(name, __VA_ARGS__);                                            \
    ::rill::detail::add_pending_node(*rill_tmp_registry.find_node(name));                      \
    return true;                                                                               \
  }()
