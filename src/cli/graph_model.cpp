// build_graph_model: walks the main graph, expanding subgraph-typed nodes into clusters, and turns
// every connection into producer→consumer edges.

#include "graph_model.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

namespace rill::cli {

namespace {

enum class Dir { kProducer, kConsumer, kUnknown };

/// One port of a connection, resolved to what is drawn for it.
struct Endpoint {
  std::string id;
  std::string port;  ///< shown on the edge; empty when the drawn node is the port itself
  Dir dir = Dir::kUnknown;
};

std::string port_text(const PortRef& ref) {
  return ref.tag ? fmt::format("{}:{}", ref.port, *ref.tag) : ref.port;
}

std::string edge_label(const Endpoint& from, const Endpoint& to) {
  if (!from.port.empty() && !to.port.empty()) return from.port + " → " + to.port;
  return from.port.empty() ? to.port : from.port;
}

Dir graph_port_dir(const GraphDef& g, const std::string& port) {
  auto named = [&](const std::vector<NamedConnSpec>& v) {
    return std::any_of(v.begin(), v.end(), [&](const NamedConnSpec& c) { return c.name == port; });
  };
  if (named(g.inputs)) return Dir::kConsumer;
  if (named(g.outputs)) return Dir::kProducer;
  return Dir::kUnknown;
}

class ModelBuilder {
 public:
  ModelBuilder(const GraphSpec& spec, const Registry* registry)
      : spec_(spec), registry_(registry) {}

  GraphModel build() {
    model_.name = spec_.main;
    model_.root.id = spec_.main;
    model_.root.label = spec_.main;
    const GraphDef* main = spec_.find_graph(spec_.main);
    for (const auto& ns : spec_.nodes) {
      draw_node(ns, "shared/", /*shared=*/true, /*dynamic=*/false, model_.root, {});
    }
    if (main == nullptr) return std::move(model_);
    const std::vector<std::string> stack{main->name};
    for (const auto& in : main->inputs) {
      model_.root.nodes.push_back({"input:" + in.name, in.name, DrawKind::kGraphIo});
    }
    for (const auto& out : main->outputs) {
      model_.root.nodes.push_back({"output:" + out.name, out.name, DrawKind::kGraphIo});
    }
    draw_body(*main, "", model_.root, stack);
    for (const auto& in : main->inputs) {
      std::vector<Endpoint> eps{{"input:" + in.name, "", Dir::kProducer}};
      resolve_all(in.ports, *main, "", stack, eps);
      connect(eps, "input:" + in.name + "#");
    }
    for (const auto& out : main->outputs) {
      std::vector<Endpoint> eps{{"output:" + out.name, "", Dir::kConsumer}};
      resolve_all(out.ports, *main, "", stack, eps);
      connect(eps, "output:" + out.name + "#");
    }
    return std::move(model_);
  }

 private:
  /// The graph a single (non-alternative) type names, unless a node type shadows it (MegFlow
  /// searches the node registry first).
  const GraphDef* graph_type(const std::string& type) const {
    if (registry_ != nullptr && registry_->find_node(type) != nullptr) return nullptr;
    return spec_.find_graph(type);
  }

  /// The graphs a node instantiates: its alternatives, or its single graph type; empty for a
  /// plain node.
  std::vector<const GraphDef*> graphs_of(const NodeSpec& ns) const {
    std::vector<const GraphDef*> out;
    auto alts = ns.alternatives();
    if (alts.size() > 1) {
      for (const auto& a : alts) {
        if (const GraphDef* g = spec_.find_graph(a)) out.push_back(g);
      }
    } else if (const GraphDef* g = graph_type(ns.type)) {
      out.push_back(g);
    }
    return out;
  }

  static bool recursive(const std::vector<const GraphDef*>& graphs,
                        const std::vector<std::string>& stack) {
    return std::any_of(graphs.begin(), graphs.end(), [&](const GraphDef* g) {
      return std::find(stack.begin(), stack.end(), g->name) != stack.end();
    });
  }

  /// Names of the graph-typed nodes of `def` that a dyn port creates at run time.
  std::set<std::string> dynamic_nodes(const GraphDef& def) const {
    std::set<std::string> out;
    for (const auto& ns : def.nodes) {
      if (ns.alternatives().size() > 1) out.insert(ns.name);
    }
    if (registry_ == nullptr) return out;
    for (const auto& c : def.connections) {
      bool has_dyn = false;
      for (const auto& ref : c.ports) {
        const NodeType* t = type_of(def, ref.node);
        if (t == nullptr) continue;
        const PortDecl* p = t->find_input(ref.port);
        if (p == nullptr) p = t->find_output(ref.port);
        has_dyn = has_dyn || (p != nullptr && p->kind == PortKind::kDyn);
      }
      if (!has_dyn) continue;
      for (const auto& ref : c.ports) {
        if (type_of(def, ref.node) == nullptr) out.insert(ref.node);
      }
    }
    return out;
  }

  const NodeType* type_of(const GraphDef& def, const std::string& node) const {
    const NodeSpec* ns = def.find_node(node);
    if (ns == nullptr) ns = spec_.find_global_node(node);
    return ns == nullptr || registry_ == nullptr ? nullptr : registry_->find_node(ns->type);
  }

  void draw_body(const GraphDef& def, const std::string& prefix, DrawCluster& cluster,
                 const std::vector<std::string>& stack) {
    const std::set<std::string> dynamic = dynamic_nodes(def);
    for (const auto& ns : def.nodes) {
      draw_node(ns, prefix, /*shared=*/false, dynamic.count(ns.name) > 0, cluster, stack);
    }
    for (std::size_t i = 0; i < def.connections.size(); ++i) {
      std::vector<Endpoint> eps;
      resolve_all(def.connections[i].ports, def, prefix, stack, eps);
      connect(eps, fmt::format("{}#{}", prefix, i));
    }
  }

  void draw_node(const NodeSpec& ns, const std::string& prefix, bool shared, bool dynamic,
                 DrawCluster& cluster, const std::vector<std::string>& stack) {
    const std::string id = prefix + ns.name;
    const std::string clones = ns.cloned > 1 ? fmt::format(" ×{}", ns.cloned) : "";
    const std::vector<const GraphDef*> graphs = graphs_of(ns);
    if (graphs.empty() || recursive(graphs, stack)) {
      std::string label = fmt::format("{}\n{}{}", ns.name, ns.type, clones);
      if (!graphs.empty()) label += "\n(recursive)";
      if (shared) label += "\n(shared)";
      cluster.nodes.push_back({id, label, shared ? DrawKind::kShared : DrawKind::kNode});
      return;
    }
    DrawCluster sub;
    sub.id = id;
    sub.shared = shared;
    sub.dynamic = dynamic;
    sub.label = fmt::format("{}: {}{}{}", ns.name, ns.type, clones,
                            shared    ? " (shared)"
                            : dynamic ? " (dynamic)"
                                      : "");
    // Port nodes: the union of every alternative's inputs and outputs, in declaration order.
    std::vector<std::pair<std::string, Dir>> ports;
    for (const GraphDef* g : graphs) {
      for (const auto& in : g->inputs) add_port(ports, in.name, Dir::kConsumer);
      for (const auto& out : g->outputs) add_port(ports, out.name, Dir::kProducer);
    }
    for (const auto& [name, dir] : ports) {
      sub.nodes.push_back({fmt::format("{}:{}", id, name), name, DrawKind::kPort});
    }
    for (const GraphDef* g : graphs) {
      std::vector<std::string> inner_stack = stack;
      inner_stack.push_back(g->name);
      DrawCluster* body = &sub;
      std::string inner = id + "/";
      if (graphs.size() > 1) {  // one box per alternative inside the dynamic node's box
        DrawCluster alt;
        alt.id = fmt::format("{}[{}]", id, g->name);
        alt.label = g->name;
        sub.clusters.push_back(std::move(alt));
        body = &sub.clusters.back();
        inner = body->id + "/";
      }
      draw_body(*g, inner, *body, inner_stack);
      for (const auto& in : g->inputs) {
        std::vector<Endpoint> eps{{id + ":" + in.name, "", Dir::kProducer}};
        resolve_all(in.ports, *g, inner, inner_stack, eps);
        connect(eps, fmt::format("{}:{}#", body->id, in.name));
      }
      for (const auto& out : g->outputs) {
        std::vector<Endpoint> eps{{id + ":" + out.name, "", Dir::kConsumer}};
        resolve_all(out.ports, *g, inner, inner_stack, eps);
        connect(eps, fmt::format("{}:{}#", body->id, out.name));
      }
    }
    cluster.clusters.push_back(std::move(sub));
  }

  static void add_port(std::vector<std::pair<std::string, Dir>>& ports, const std::string& name,
                       Dir dir) {
    auto same = [&](const auto& p) { return p.first == name; };
    if (std::none_of(ports.begin(), ports.end(), same)) ports.emplace_back(name, dir);
  }

  /// `stack`: the graphs being expanded around `def` (itself included).
  void resolve_all(const std::vector<PortRef>& refs, const GraphDef& def, const std::string& prefix,
                   const std::vector<std::string>& stack, std::vector<Endpoint>& out) const {
    for (const auto& ref : refs) {
      if (auto ep = resolve(ref, def, prefix, stack)) out.push_back(std::move(*ep));
    }
  }

  /// Local nodes first, then shared ones (MegFlow's lookup order). Unknown names are left out:
  /// validation reports them.
  std::optional<Endpoint> resolve(const PortRef& ref, const GraphDef& def,
                                  const std::string& prefix,
                                  const std::vector<std::string>& stack) const {
    std::string node_prefix = prefix;
    const std::vector<std::string>* expanding = &stack;
    static const std::vector<std::string> kNone;
    const NodeSpec* ns = def.find_node(ref.node);
    if (ns == nullptr) {
      ns = spec_.find_global_node(ref.node);
      node_prefix = "shared/";
      expanding = &kNone;  // shared nodes are drawn at top level, outside any expansion
    }
    if (ns == nullptr) return std::nullopt;
    const std::string id = node_prefix + ns->name;
    const std::vector<const GraphDef*> graphs = graphs_of(*ns);
    if (!graphs.empty()) {
      Dir dir = graph_port_dir(*graphs.front(), ref.port);
      // A recursive node is drawn as a plain box (draw_node); its edges attach to the box.
      if (recursive(graphs, *expanding)) return Endpoint{id, port_text(ref), dir};
      return Endpoint{id + ":" + ref.port, "", dir};
    }
    Dir dir = Dir::kUnknown;
    if (const NodeType* t = registry_ != nullptr ? registry_->find_node(ns->type) : nullptr) {
      if (t->find_input(ref.port) != nullptr) {
        dir = Dir::kConsumer;
      } else if (t->find_output(ref.port) != nullptr) {
        dir = Dir::kProducer;
      }
    }
    return Endpoint{id, port_text(ref), dir};
  }

  /// One producer (or one consumer): direct edges, which is what the runtime does (auto-Bcast
  /// for fan-out, a shared channel for fan-in). Many-to-many: through a junction point.
  void connect(const std::vector<Endpoint>& eps, const std::string& junction_id) {
    std::vector<const Endpoint*> producers;
    std::vector<const Endpoint*> consumers;
    std::vector<const Endpoint*> unknown;
    for (const auto& e : eps) {
      (e.dir == Dir::kProducer   ? producers
       : e.dir == Dir::kConsumer ? consumers
                                 : unknown)
          .push_back(&e);
    }
    if (eps.size() == 2 && !unknown.empty()) {
      model_.edges.push_back({eps[0].id, eps[1].id, edge_label(eps[0], eps[1]), false});
      return;
    }
    if (unknown.empty() && (producers.size() == 1 || consumers.size() == 1)) {
      for (const Endpoint* p : producers) {
        for (const Endpoint* c : consumers)
          model_.edges.push_back({p->id, c->id, edge_label(*p, *c)});
      }
      return;
    }
    if (eps.size() < 2) return;
    model_.root.nodes.push_back({junction_id, "", DrawKind::kJunction});
    for (const Endpoint* p : producers) model_.edges.push_back({p->id, junction_id, p->port});
    for (const Endpoint* c : consumers) model_.edges.push_back({junction_id, c->id, c->port});
    for (const Endpoint* u : unknown) model_.edges.push_back({u->id, junction_id, u->port, false});
  }

  const GraphSpec& spec_;
  const Registry* registry_;
  GraphModel model_;
};

}  // namespace

GraphModel build_graph_model(const GraphSpec& spec, const Registry* registry) {
  return ModelBuilder(spec, registry).build();
}

}  // namespace rill::cli
