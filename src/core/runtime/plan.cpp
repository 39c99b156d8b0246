#include "runtime/plan.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

namespace rill::detail {

namespace {

/// Names a list of known names for "did you mean" style hints (bounded, sorted).
/// Every name, sorted: an unknown type lists all registered ones (a plugin's types included).
std::string name_list(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

class Planner {
 public:
  Planner(const GraphSpec& spec, std::shared_ptr<const Registry> registry,
          const std::vector<std::string>& extra_executors, Diagnostics& diags)
      : spec_(spec), registry_(std::move(registry)), diags_(diags) {
    executors_.insert("default");
    for (const auto& e : extra_executors) executors_.insert(e);
    for (const auto& e : spec.executors) executors_.insert(e.options.name);
    for (const auto& e : provided_executor_names()) executors_.insert(e);
  }

  std::unique_ptr<Plan> run() {
    plan_ = std::make_unique<Plan>();
    plan_->registry = registry_;
    plan_->executors = spec_.executors;
    // Every graph name first, so graphs may be referenced before their definition.
    for (const auto& g : spec_.graphs) {
      if (graph_by_name_.count(g.name)) continue;  // duplicate: reported by the front-end
      auto pg = std::make_unique<PlanGraph>();
      pg->name = g.name;
      pg->loc = g.loc;
      graph_by_name_[g.name] = pg.get();
      def_by_name_[g.name] = &g;
      plan_->graphs.push_back(std::move(pg));
    }
    plan_globals();
    for (const auto& g : spec_.graphs) {
      if (def_by_name_[g.name] != &g) continue;
      plan_graph(g, *graph_by_name_[g.name]);
    }
    check_recursion();
    plan_resources();
    capture_global_resources();
    check_shared_subgraphs();
    if (spec_.main.empty()) {
      diags_.error({spec_.file, 0, 0}, "missing key `main`", "main");
    } else if (auto it = graph_by_name_.find(spec_.main); it == graph_by_name_.end()) {
      diags_.error(spec_.main_loc, fmt::format("graph {} is not exist", spec_.main), "main");
    } else {
      plan_->main = it->second;
    }
    if (diags_.has_errors()) return nullptr;
    return std::move(plan_);
  }

 private:
  // --- node types ---------------------------------------------------------------------------

  /// Resolves one type name: the node registry first (MegFlow: node types shadow graph names),
  /// then the graphs. Returns false (and reports) when neither knows it.
  bool resolve_type(const std::string& name, const SourceLoc& loc, const NodeType** type,
                    const PlanGraph** graph) {
    if (const NodeType* t = registry_->find_node(name)) {
      *type = t;
      return true;
    }
    if (auto it = graph_by_name_.find(name); it != graph_by_name_.end()) {
      *graph = it->second;
      return true;
    }
    std::vector<std::string> known = registry_->node_names();
    for (const auto& [n, g] : graph_by_name_) known.push_back(n);
    diags_.error(loc,
                 fmt::format("unexpected node type [{}]; known types: {}", name, name_list(known)),
                 "ty");
    return false;
  }

  /// The node's own arguments against its type's contract, each problem at the argument.
  void check_node_args(const NodeSpec& ns, const NodeType& t) {
    for (const ArgProblem& p : check_args(t.contract, ns.args)) {
      const SourceLoc& at = p.key.empty() ? ns.loc : ns.arg_loc(p.key);
      std::string message = fmt::format("node {} ({}): {}", ns.name, t.name, p.message);
      if (p.warning) {
        diags_.warning(at, std::move(message), p.key);
      } else {
        diags_.error(at, std::move(message), p.key);
      }
    }
  }

  void fill_common(PlanNode& pn, const NodeSpec& ns) {
    pn.name = ns.name;
    pn.cloned = ns.cloned;
    pn.res = ns.res;
    pn.args = ns.args;
    pn.executor = ns.executor;
    pn.on_error = ns.on_error;
    pn.loc = ns.loc;
    pn.type_loc = ns.type_loc.line ? ns.type_loc : ns.loc;
    if (!ns.executor.empty() && !executors_.count(ns.executor)) {
      diags_.error(ns.loc, fmt::format("unknown executor '{}' for node {}", ns.executor, ns.name),
                   "executor");
    }
  }

  void plan_globals() {
    for (const auto& ns : spec_.nodes) {
      PlanNode pn;
      fill_common(pn, ns);
      auto alts = ns.alternatives();
      if (alts.size() > 1) {
        diags_.error(pn.type_loc,
                     fmt::format("static subgraph/node dont support dyn type [{}]", ns.type), "ty");
        continue;
      }
      const NodeType* t = nullptr;
      const PlanGraph* g = nullptr;
      if (!resolve_type(alts[0], ns.type_loc.line ? ns.type_loc : ns.loc, &t, &g)) continue;
      if (t) {
        pn.kind = PlanNodeKind::kNative;
        pn.type = t;
        pn.exclusive = t->contract.is_exclusive();
        check_node_args(ns, *t);
        for (const auto* ports : {&t->inputs(), &t->outputs()}) {
          for (const auto& p : *ports) {
            if (p.kind != PortKind::kUnit) {
              diags_.error(ns.loc, fmt::format("shared node {}: port '{}' is a {} port; shared "
                                               "nodes support plain ports only",
                                               ns.name, p.name, format_port_decl(p)));
            }
          }
        }
      } else {
        pn.kind = PlanNodeKind::kSubgraph;
        pn.graph = g;
      }
      global_index_[ns.name] = static_cast<int>(plan_->globals.size());
      plan_->globals.push_back(std::move(pn));
      plan_->global_input_caps.emplace_back();
      plan_->global_output_caps.emplace_back();
    }
  }

  // --- ports --------------------------------------------------------------------------------

  struct PortInfo {
    bool is_input = false;
    PortKind kind = PortKind::kUnit;
  };

  /// Ports of a graph-typed node are its graph's inputs (receivers) and outputs (senders).
  static std::optional<PortInfo> graph_port(const PlanGraph& g, const std::string& port) {
    for (const auto& n : g.inputs) {
      if (n == port) return PortInfo{true, PortKind::kUnit};
    }
    for (const auto& n : g.outputs) {
      if (n == port) return PortInfo{false, PortKind::kUnit};
    }
    return std::nullopt;
  }
  static std::optional<PortInfo> type_port(const NodeType& t, const std::string& port) {
    if (const PortDecl* d = t.find_input(port)) return PortInfo{true, d->kind};
    if (const PortDecl* d = t.find_output(port)) return PortInfo{false, d->kind};
    return std::nullopt;
  }

  /// Graph-typed nodes need their graph's inputs/outputs known: plan those graphs' boundary
  /// names before any connection is resolved.
  void ensure_boundary(const PlanGraph* g) {
    auto* pg = const_cast<PlanGraph*>(g);
    if (!pg->inputs.empty() || !pg->outputs.empty() || boundary_done_.count(pg)) return;
    boundary_done_.insert(pg);
    const GraphDef* def = def_by_name_[pg->name];
    for (const auto& in : def->inputs) {
      pg->inputs.push_back(in.name);
      pg->input_caps.push_back(in.cap);
    }
    for (const auto& out : def->outputs) {
      pg->outputs.push_back(out.name);
      pg->output_caps.push_back(out.cap);
    }
  }

  // --- graphs -------------------------------------------------------------------------------

  void plan_graph(const GraphDef& def, PlanGraph& pg) {
    ensure_boundary(&pg);
    std::unordered_map<std::string, int> local;
    // Nodes (kind decided after connections: a graph-typed node joined to a dyn port is dynamic).
    std::vector<std::vector<const PlanGraph*>> alt_graphs(def.nodes.size());
    for (const auto& ns : def.nodes) {
      PlanNode pn;
      fill_common(pn, ns);
      auto alts = ns.alternatives();
      SourceLoc tloc = ns.type_loc.line ? ns.type_loc : ns.loc;
      if (alts.size() == 1) {
        const NodeType* t = nullptr;
        const PlanGraph* g = nullptr;
        if (resolve_type(alts[0], tloc, &t, &g)) {
          if (t) {
            pn.kind = PlanNodeKind::kNative;
            pn.type = t;
            pn.exclusive = t->contract.is_exclusive();
            check_node_args(ns, *t);
          } else {
            pn.kind = PlanNodeKind::kSubgraph;
            pn.graph = g;
            ensure_boundary(g);
            alt_graphs[pg.nodes.size()] = {g};
          }
        } else {
          pn.kind = PlanNodeKind::kSubgraph;  // unresolved; ports of it are not checked
        }
      } else {
        pn.kind = PlanNodeKind::kDynamic;  // provisional; must meet a dyn port below
        for (const auto& a : alts) {
          auto it = graph_by_name_.find(a);
          if (it == graph_by_name_.end()) {
            diags_.error(tloc,
                         fmt::format("unexpected node type [{}] (alternatives of a dynamic "
                                     "subgraph must be graphs)",
                                     a),
                         "ty");
            continue;
          }
          ensure_boundary(it->second);
          alt_graphs[pg.nodes.size()].push_back(it->second);
        }
      }
      if (local.count(ns.name)) continue;  // duplicate name: reported by the front-end
      local[ns.name] = static_cast<int>(pg.nodes.size());
      pg.nodes.push_back(std::move(pn));
    }
    alt_graphs.resize(pg.nodes.size());

    std::vector<bool> dynamic(pg.nodes.size(), false);
    std::vector<bool> multi_alt(pg.nodes.size(), false);
    for (std::size_t i = 0; i < def.nodes.size() && i < pg.nodes.size(); ++i) {
      multi_alt[i] = def.nodes[i].alternatives().size() > 1;
    }

    // Resolves one port reference of this graph. Returns false when it does not resolve.
    auto resolve = [&](const PortRef& ref, PlanEndpoint* ep, PortInfo* info) -> bool {
      ep->port = ref.port;
      ep->tag = ref.tag;
      ep->loc = ref.loc;
      std::optional<PortInfo> pi;
      if (auto it = local.find(ref.node); it != local.end()) {
        ep->node = it->second;
        const PlanNode& n = pg.nodes[static_cast<std::size_t>(it->second)];
        if (n.kind == PlanNodeKind::kNative) {
          pi = type_port(*n.type, ref.port);
        } else if (!alt_graphs[static_cast<std::size_t>(it->second)].empty()) {
          pi = graph_port(*alt_graphs[static_cast<std::size_t>(it->second)][0], ref.port);
          for (const PlanGraph* alt : alt_graphs[static_cast<std::size_t>(it->second)]) {
            if (pi && !graph_port(*alt, ref.port)) {
              diags_.error(ref.loc,
                           fmt::format("port {} not found in graph {}", ref.port, alt->name));
              return false;
            }
          }
        } else {
          return false;  // type unresolved, already reported
        }
      } else if (auto g = global_index_.find(ref.node); g != global_index_.end()) {
        ep->global = g->second;
        const PlanNode& n = plan_->globals[static_cast<std::size_t>(g->second)];
        pi = n.kind == PlanNodeKind::kNative ? type_port(*n.type, ref.port)
                                             : graph_port(*n.graph, ref.port);
        pg.references_globals = true;
      } else {
        diags_.error(ref.loc, fmt::format("unexpected node name [{}]", ref.node), "ports");
        return false;
      }
      if (!pi) {
        diags_.error(ref.loc, fmt::format("unexpected port {}", ref.text), "ports");
        return false;
      }
      ep->kind = pi->kind;
      *info = *pi;
      if (pi->kind == PortKind::kDict && !ref.tag) {
        diags_.error(ref.loc, fmt::format("dict port need a tag: {}", ref.text), "ports");
        return false;
      }
      return true;
    };

    // Connections.
    for (std::size_t ci = 0; ci < def.connections.size(); ++ci) {
      const auto& c = def.connections[ci];
      PlanEdge e;
      e.name = fmt::format("__{}__", ci);
      e.cap = c.cap;
      std::vector<std::pair<PlanEndpoint, PortInfo>> eps;
      for (const auto& ref : c.ports) {
        PlanEndpoint ep;
        PortInfo info;
        if (resolve(ref, &ep, &info)) eps.emplace_back(ep, info);
      }
      if (eps.size() != c.ports.size()) continue;
      int dyn_ports = 0;
      for (auto& [ep, info] : eps) dyn_ports += info.kind == PortKind::kDyn;
      if (dyn_ports > 0) {
        plan_dyn_edge(pg, c, eps, dynamic, alt_graphs);
        continue;
      }
      for (auto& [ep, info] : eps) {
        (info.is_input ? e.receivers : e.senders).push_back(ep);
      }
      pg.edges.push_back(std::move(e));
    }

    // Graph inputs and outputs.
    auto add_boundary = [&](const std::vector<NamedConnSpec>& conns, bool inputs) {
      for (std::size_t i = 0; i < conns.size(); ++i) {
        const auto& nc = conns[i];
        PlanEdge e;
        e.name = nc.name;
        e.cap = nc.cap;
        (inputs ? e.input : e.output) = static_cast<int>(i);
        for (const auto& ref : nc.ports) {
          PlanEndpoint ep;
          PortInfo info;
          if (!resolve(ref, &ep, &info)) continue;
          if (info.kind == PortKind::kDyn) {
            diags_.error(ref.loc, "dyn inputs or outputs of graph", "ports");
            continue;
          }
          if (ep.node >= 0 &&
              pg.nodes[static_cast<std::size_t>(ep.node)].kind == PlanNodeKind::kDynamic) {
            diags_.error(ref.loc, "dyn nodes connect with inputs or outputs of graph", "ports");
            continue;
          }
          if (info.is_input != inputs) {
            diags_.error(ref.loc,
                         fmt::format("graph {} {} '{}' lists {}, which is an {} port", def.name,
                                     inputs ? "input" : "output", nc.name, ref.text,
                                     info.is_input ? "input" : "output"),
                         "ports");
            continue;
          }
          (inputs ? e.receivers : e.senders).push_back(ep);
        }
        pg.edges.push_back(std::move(e));
      }
    };
    add_boundary(def.inputs, true);
    add_boundary(def.outputs, false);

    // Settle node kinds.
    for (std::size_t i = 0; i < pg.nodes.size(); ++i) {
      PlanNode& n = pg.nodes[i];
      if (n.kind == PlanNodeKind::kNative) continue;
      if (dynamic[i]) {
        n.kind = PlanNodeKind::kDynamic;
        n.alternatives = alt_graphs[i];
        n.graph = nullptr;
      } else if (multi_alt[i]) {
        diags_.error(
            n.type_loc,
            fmt::format("static subgraph/node dont support dyn type [{}]", def.nodes[i].type),
            "ty");
      } else {
        n.kind = PlanNodeKind::kSubgraph;
        n.graph = alt_graphs[i].empty() ? nullptr : alt_graphs[i][0];
      }
    }
    // A dynamic node must not appear in ordinary connections.
    for (const auto& e : pg.edges) {
      for (const auto* side : {&e.senders, &e.receivers}) {
        for (const auto& ep : *side) {
          if (ep.node >= 0 &&
              pg.nodes[static_cast<std::size_t>(ep.node)].kind == PlanNodeKind::kDynamic) {
            diags_.error(ep.loc,
                         fmt::format("node {} is created per key by a dyn port and cannot "
                                     "also be connected statically",
                                     pg.nodes[static_cast<std::size_t>(ep.node)].name),
                         "ports");
          }
        }
      }
    }

    check_single_use(pg, def);
    insert_bcast(pg);
    record_global_caps(pg);
  }

  void plan_dyn_edge(PlanGraph& pg, const ConnectionSpec& c,
                     std::vector<std::pair<PlanEndpoint, PortInfo>>& eps,
                     std::vector<bool>& dynamic,
                     const std::vector<std::vector<const PlanGraph*>>& alt_graphs) {
    int dyn_ports = 0;
    for (auto& [ep, info] : eps) dyn_ports += info.kind == PortKind::kDyn;
    if (dyn_ports > 1) {
      diags_.error(c.loc, "rx & tx of channel both are dyn", "ports");
      return;
    }
    if (eps.size() != 2) {
      diags_.error(c.loc, "dyn port shared with multiple subgraphs", "ports");
      return;
    }
    auto& [a, ai] = eps[0];
    auto& [b, bi] = eps[1];
    const bool a_dyn = ai.kind == PortKind::kDyn;
    PlanEndpoint& owner = a_dyn ? a : b;
    PortInfo& oinfo = a_dyn ? ai : bi;
    PlanEndpoint& target = a_dyn ? b : a;
    PortInfo& tinfo = a_dyn ? bi : ai;
    if (owner.global >= 0) {
      diags_.error(owner.loc, "a shared node cannot own a dyn port connection", "ports");
      return;
    }
    if (target.global >= 0 || target.node < 0 ||
        pg.nodes[static_cast<std::size_t>(target.node)].kind == PlanNodeKind::kNative ||
        alt_graphs[static_cast<std::size_t>(target.node)].empty()) {
      diags_.error(target.loc,
                   fmt::format("dyn port {}:{} must connect to a graph-typed node of "
                               "this graph",
                               pg.nodes[static_cast<std::size_t>(owner.node)].name, owner.port),
                   "ports");
      return;
    }
    if (oinfo.is_input == tinfo.is_input) {
      diags_.error(
          c.loc, fmt::format("connection joins two {} ports", oinfo.is_input ? "input" : "output"),
          "ports");
      return;
    }
    for (const auto& l : pg.dyn_links) {
      if (l.owner == owner.node && l.port == owner.port) {
        diags_.error(owner.loc, "the number of nodes sharing dyn rx port only could be equal to 1",
                     "ports");
        return;
      }
    }
    dynamic[static_cast<std::size_t>(target.node)] = true;
    PlanDynLink link;
    link.owner = owner.node;
    link.port = owner.port;
    link.owner_output = !oinfo.is_input;
    link.target = target.node;
    link.target_port = target.port;
    link.cap = c.cap;
    pg.dyn_links.push_back(std::move(link));
  }

  /// A unit port wired by several connections would silently lose all but one of them in MegFlow;
  /// rill rejects it.
  void check_single_use(const PlanGraph& pg, const GraphDef& def) {
    std::map<std::tuple<int, int, std::string, bool>, int> uses;
    for (const auto& e : pg.edges) {
      for (bool rx : {false, true}) {
        for (const auto& ep : rx ? e.receivers : e.senders) {
          if (ep.kind != PortKind::kUnit) continue;
          if (ep.global >= 0) continue;  // a shared node's port serves many connections
          if (++uses[{ep.node, ep.global, ep.port, rx}] == 2) {
            const std::string& node = pg.nodes[static_cast<std::size_t>(ep.node)].name;
            diags_.error(ep.loc,
                         fmt::format("port {}:{} is used by more than one connection; "
                                     "declare it as a list port or fan in through one "
                                     "connection",
                                     node, ep.port),
                         "ports");
          }
        }
      }
    }
  }

  /// A connection with several receiver ports gets a hidden Bcast (as in MegFlow) so every receiver
  /// port sees every message.
  void insert_bcast(PlanGraph& pg) {
    const NodeType* bcast = registry_->find_node("Bcast");
    const std::size_t n_edges = pg.edges.size();
    for (std::size_t i = 0; i < n_edges; ++i) {
      if (pg.edges[i].dyn || pg.edges[i].receivers.size() < 2) continue;
      if (!bcast) {
        diags_.error(pg.loc, "fan-out needs the built-in Bcast node, which is not registered");
        return;
      }
      PlanNode bn;
      bn.name = fmt::format("__{}xBcast__", pg.edges[i].name);
      bn.kind = PlanNodeKind::kNative;
      bn.type = bcast;
      bn.loc = pg.edges[i].receivers.front().loc;
      const int bidx = static_cast<int>(pg.nodes.size());
      pg.nodes.push_back(std::move(bn));
      std::vector<PlanEndpoint> receivers = std::move(pg.edges[i].receivers);
      pg.edges[i].receivers = {PlanEndpoint{bidx, -1, "inp", PortKind::kUnit, std::nullopt, {}}};
      for (std::size_t k = 0; k < receivers.size(); ++k) {
        PlanEdge out;
        out.name = fmt::format("__{}xBcastxOut{}__", pg.edges[i].name, k);
        out.cap = pg.edges[i].cap;
        out.senders = {PlanEndpoint{bidx, -1, "out", PortKind::kList, k, {}}};
        out.receivers = {receivers[k]};
        pg.edges.push_back(std::move(out));
      }
    }
  }

  void record_global_caps(const PlanGraph& pg) {
    for (const auto& e : pg.edges) {
      for (const auto& ep : e.receivers) {
        if (ep.global < 0) continue;
        auto& cap = plan_->global_input_caps[static_cast<std::size_t>(ep.global)][ep.port];
        cap = std::max(cap, e.cap);
      }
      for (const auto& ep : e.senders) {
        if (ep.global < 0) continue;
        auto& cap = plan_->global_output_caps[static_cast<std::size_t>(ep.global)][ep.port];
        cap = std::max(cap, e.cap);
      }
    }
  }

  // --- whole-plan checks ----------------------------------------------------------------------

  void check_recursion() {
    std::map<const PlanGraph*, int> state;  // 1 = on stack, 2 = done
    std::vector<const PlanGraph*> stack;
    std::function<void(const PlanGraph*)> visit = [&](const PlanGraph* g) {
      state[g] = 1;
      stack.push_back(g);
      for (const auto& n : g->nodes) {
        std::vector<const PlanGraph*> children = n.alternatives;
        if (n.graph) children.push_back(n.graph);
        for (const PlanGraph* c : children) {
          if (state[c] == 1) {
            std::string chain;
            bool on = false;
            for (const auto* s : stack) {
              if (s == c) on = true;
              if (on) chain += s->name + " -> ";
            }
            chain += c->name;
            // At the `ty` that names the graph again: that is the text to change.
            diags_.error(n.type_loc, fmt::format("graph {} contains itself ({})", c->name, chain),
                         "ty");
          } else if (state[c] == 0) {
            visit(c);
          }
        }
      }
      stack.pop_back();
      state[g] = 2;
    };
    for (const auto& g : plan_->graphs) {
      if (state[g.get()] == 0) visit(g.get());
    }
    recursion_free_ = !diags_.has_errors();
  }

  void plan_resources() {
    auto resolve = [&](const ResourceSpec& r) -> const ResourceType* {
      const ResourceType* t = registry_->find_resource(r.type);
      if (!t) {
        diags_.error(r.loc,
                     fmt::format("unexpected resource type [{}]; known resource types: {}", r.type,
                                 name_list(registry_->resource_names())),
                     "ty");
      }
      return t;
    };
    for (const auto& r : spec_.resources) {
      plan_->global_resources.push_back(r);
      plan_->global_resource_types.push_back(resolve(r));
    }
    for (const auto& g : spec_.graphs) {
      auto it = graph_by_name_.find(g.name);
      if (it == graph_by_name_.end() || def_by_name_[g.name] != &g) continue;
      for (const auto& r : g.resources) {
        it->second->resources.push_back(r);
        it->second->resource_types.push_back(resolve(r));
      }
    }
  }

  /// MegFlow's global capture: a global resource named by any node nested inside graph G is added
  /// to the `res` of every node whose type is G, so deep nodes see it without intermediate
  /// declarations.
  void capture_global_resources() {
    if (!recursion_free_) return;
    std::set<std::string> globals;
    for (const auto& r : spec_.resources) globals.insert(r.name);
    std::map<const PlanGraph*, std::set<std::string>> captured;
    std::function<const std::set<std::string>&(const PlanGraph*)> cap =
        [&](const PlanGraph* g) -> const std::set<std::string>& {
      if (auto it = captured.find(g); it != captured.end()) return it->second;
      std::set<std::string> s;
      for (const auto& n : g->nodes) {
        for (const auto& r : n.res) {
          if (globals.count(r)) s.insert(r);
        }
        std::vector<const PlanGraph*> children = n.alternatives;
        if (n.graph) children.push_back(n.graph);
        for (const auto* c : children) {
          const auto& cs = cap(c);
          s.insert(cs.begin(), cs.end());
        }
      }
      return captured[g] = std::move(s);
    };
    auto extend = [&](PlanNode& n) {
      std::vector<const PlanGraph*> children = n.alternatives;
      if (n.graph) children.push_back(n.graph);
      for (const auto* c : children) {
        for (const auto& r : cap(c)) {
          if (std::find(n.res.begin(), n.res.end(), r) == n.res.end()) n.res.push_back(r);
        }
      }
    };
    for (auto& g : plan_->graphs) {
      for (auto& n : g->nodes) extend(n);
    }
    for (auto& n : plan_->globals) extend(n);
  }

  void check_shared_subgraphs() {
    for (const auto& n : plan_->globals) {
      if (n.kind != PlanNodeKind::kSubgraph || !n.graph) continue;
      std::set<const PlanGraph*> seen;
      std::function<bool(const PlanGraph*)> refs = [&](const PlanGraph* g) {
        if (!seen.insert(g).second) return false;
        if (g->references_globals) return true;
        for (const auto& c : g->nodes) {
          if (c.graph && refs(c.graph)) return true;
          for (const auto* a : c.alternatives) {
            if (refs(a)) return true;
          }
        }
        return false;
      };
      if (refs(n.graph)) diags_.error(n.loc, "nested shared graph is not support", "nodes");
    }
  }

  const GraphSpec& spec_;
  std::shared_ptr<const Registry> registry_;
  Diagnostics& diags_;
  std::unique_ptr<Plan> plan_;
  std::map<std::string, PlanGraph*> graph_by_name_;
  std::map<std::string, const GraphDef*> def_by_name_;
  std::map<std::string, int> global_index_;
  std::set<std::string> executors_;
  std::set<const PlanGraph*> boundary_done_;
  bool recursion_free_ = true;
};

}  // namespace

std::unique_ptr<Plan> make_plan(const GraphSpec& spec, std::shared_ptr<const Registry> registry,
                                const std::vector<std::string>& extra_executors,
                                Diagnostics& diags) {
  return Planner(spec, std::move(registry), extra_executors, diags).run();
}

}  // namespace rill::detail
