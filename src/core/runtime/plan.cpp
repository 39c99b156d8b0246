// make_plan and the planning of graphs: node types, ports, connections, node kinds. The passes
// that run over planned graphs are in plan_passes.cpp; runtime/planner.hpp lists the phases.

#include "runtime/plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/planner.hpp"

namespace rill::detail {

std::string name_list(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::unique_ptr<Plan> make_plan(const GraphSpec& spec, std::shared_ptr<const Registry> registry,
                                const std::vector<std::string>& extra_executors,
                                Diagnostics& diags) {
  return Planner(spec, std::move(registry), extra_executors, diags).run();
}

Planner::Planner(const GraphSpec& spec, std::shared_ptr<const Registry> registry,
                 const std::vector<std::string>& extra_executors, Diagnostics& diags)
    : spec_(spec), registry_(std::move(registry)), diags_(diags) {
  executors_.insert("default");
  for (const auto& e : extra_executors) executors_.insert(e);
  for (const auto& e : spec.executors) executors_.insert(e.options.name);
  for (const auto& e : provided_executor_names()) executors_.insert(e);
}

std::unique_ptr<Plan> Planner::run() {
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

// --- node types ------------------------------------------------------------------------------

/// The node registry first (MegFlow: node types shadow graph names), then the graphs. Returns
/// false (and reports) when neither knows the name.
bool Planner::resolve_type(const std::string& name, const SourceLoc& loc, const NodeType** type,
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
  diags_.error(
      loc, fmt::format("unexpected node type [{}]; known types: {}", name, name_list(known)), "ty");
  return false;
}

/// The node's own arguments against its type's contract, each problem at the argument.
void Planner::check_node_args(const NodeSpec& ns, const NodeType& t) {
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

void Planner::fill_common(PlanNode& pn, const NodeSpec& ns) {
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

void Planner::plan_globals() {
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
    if (!resolve_type(alts[0], pn.type_loc, &t, &g)) continue;
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

// --- ports -----------------------------------------------------------------------------------

/// Ports of a graph-typed node are its graph's inputs (receivers) and outputs (senders).
std::optional<Planner::PortInfo> Planner::graph_port(const PlanGraph& g, const std::string& port) {
  for (const auto& n : g.inputs) {
    if (n == port) return PortInfo{true, PortKind::kUnit};
  }
  for (const auto& n : g.outputs) {
    if (n == port) return PortInfo{false, PortKind::kUnit};
  }
  return std::nullopt;
}

std::optional<Planner::PortInfo> Planner::type_port(const NodeType& t, const std::string& port) {
  if (const PortDecl* d = t.find_input(port)) return PortInfo{true, d->kind};
  if (const PortDecl* d = t.find_output(port)) return PortInfo{false, d->kind};
  return std::nullopt;
}

/// Graph-typed nodes need their graph's inputs/outputs known: plan those graphs' boundary
/// names before any connection is resolved.
void Planner::ensure_boundary(const PlanGraph* g) {
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

/// One port reference of graph `w`: a local node's port (a graph-typed node's port must exist
/// in every alternative) or a shared node's. Returns false, reported, when it does not resolve.
bool Planner::resolve_port(GraphWork& w, const PortRef& ref, PlanEndpoint* ep, PortInfo* info) {
  ep->port = ref.port;
  ep->tag = ref.tag;
  ep->loc = ref.loc;
  std::optional<PortInfo> pi;
  if (auto it = w.local.find(ref.node); it != w.local.end()) {
    ep->node = it->second;
    const auto i = static_cast<std::size_t>(it->second);
    const PlanNode& n = w.pg.nodes[i];
    if (n.kind == PlanNodeKind::kNative) {
      pi = type_port(*n.type, ref.port);
    } else if (!w.alt_graphs[i].empty()) {
      pi = graph_port(*w.alt_graphs[i][0], ref.port);
      for (const PlanGraph* alt : w.alt_graphs[i]) {
        if (pi && !graph_port(*alt, ref.port)) {
          diags_.error(ref.loc, fmt::format("port {} not found in graph {}", ref.port, alt->name));
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
    w.pg.references_globals = true;
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
}

// --- one graph -------------------------------------------------------------------------------

void Planner::plan_graph(const GraphDef& def, PlanGraph& pg) {
  ensure_boundary(&pg);
  GraphWork w{def, pg, {}, {}, {}, {}};
  plan_nodes(w);
  plan_connections(w);
  plan_boundary(w, def.inputs, true);
  plan_boundary(w, def.outputs, false);
  settle_node_kinds(w);
  check_dynamic_not_static(pg);
  check_single_use(pg);
  insert_bcast(pg);
  record_global_caps(pg);
}

/// The graph's nodes with their types. A graph-typed node's kind stays provisional until the
/// connections tell whether a dyn port makes it dynamic.
void Planner::plan_nodes(GraphWork& w) {
  w.alt_graphs.resize(w.def.nodes.size());
  for (const auto& ns : w.def.nodes) {
    PlanNode pn;
    fill_common(pn, ns);
    auto& alts_of_node = w.alt_graphs[w.pg.nodes.size()];
    auto alts = ns.alternatives();
    if (alts.size() == 1) {
      const NodeType* t = nullptr;
      const PlanGraph* g = nullptr;
      if (resolve_type(alts[0], pn.type_loc, &t, &g)) {
        if (t) {
          pn.kind = PlanNodeKind::kNative;
          pn.type = t;
          pn.exclusive = t->contract.is_exclusive();
          check_node_args(ns, *t);
        } else {
          pn.kind = PlanNodeKind::kSubgraph;
          pn.graph = g;
          ensure_boundary(g);
          alts_of_node = {g};
        }
      } else {
        pn.kind = PlanNodeKind::kSubgraph;  // unresolved; ports of it are not checked
      }
    } else {
      pn.kind = PlanNodeKind::kDynamic;  // provisional; must meet a dyn port
      for (const auto& a : alts) {
        auto it = graph_by_name_.find(a);
        if (it == graph_by_name_.end()) {
          diags_.error(pn.type_loc,
                       fmt::format("unexpected node type [{}] (alternatives of a dynamic "
                                   "subgraph must be graphs)",
                                   a),
                       "ty");
          continue;
        }
        ensure_boundary(it->second);
        alts_of_node.push_back(it->second);
      }
    }
    if (w.local.count(ns.name)) {  // duplicate name: reported by the front-end
      alts_of_node.clear();
      continue;
    }
    w.local[ns.name] = static_cast<int>(w.pg.nodes.size());
    w.multi_alt.push_back(alts.size() > 1);
    w.pg.nodes.push_back(std::move(pn));
  }
  w.alt_graphs.resize(w.pg.nodes.size());
  w.dynamic.assign(w.pg.nodes.size(), false);
}

/// `connections`: an edge per connection, except those that meet a dyn port.
void Planner::plan_connections(GraphWork& w) {
  for (std::size_t ci = 0; ci < w.def.connections.size(); ++ci) {
    const auto& c = w.def.connections[ci];
    Endpoints eps;
    for (const auto& ref : c.ports) {
      PlanEndpoint ep;
      PortInfo info;
      if (resolve_port(w, ref, &ep, &info)) eps.emplace_back(ep, info);
    }
    if (eps.size() != c.ports.size()) continue;
    const bool meets_dyn = std::any_of(
        eps.begin(), eps.end(), [](const auto& e) { return e.second.kind == PortKind::kDyn; });
    if (meets_dyn) {
      plan_dyn_edge(w, c, eps);
      continue;
    }
    PlanEdge e;
    e.name = fmt::format("__{}__", ci);
    e.cap = c.cap;
    for (auto& [ep, info] : eps) (info.is_input ? e.receivers : e.senders).push_back(ep);
    w.pg.edges.push_back(std::move(e));
  }
}

/// A connection between a dyn port and a graph-typed node: no channel, a link that makes the
/// node dynamic (one instance per key).
void Planner::plan_dyn_edge(GraphWork& w, const ConnectionSpec& c, Endpoints& eps) {
  PlanGraph& pg = w.pg;
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
      w.alt_graphs[static_cast<std::size_t>(target.node)].empty()) {
    diags_.error(target.loc,
                 fmt::format("dyn port {}:{} must connect to a graph-typed node of this graph",
                             pg.nodes[static_cast<std::size_t>(owner.node)].name, owner.port),
                 "ports");
    return;
  }
  if (oinfo.is_input == tinfo.is_input) {
    diags_.error(c.loc,
                 fmt::format("connection joins two {} ports", oinfo.is_input ? "input" : "output"),
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
  w.dynamic[static_cast<std::size_t>(target.node)] = true;
  PlanDynLink link;
  link.owner = owner.node;
  link.port = owner.port;
  link.owner_output = !oinfo.is_input;
  link.target = target.node;
  link.target_port = target.port;
  link.cap = c.cap;
  pg.dyn_links.push_back(std::move(link));
}

/// The graph's `inputs` (inputs = true) or `outputs`: an edge each, whose other end the host
/// or the enclosing graph holds.
void Planner::plan_boundary(GraphWork& w, const std::vector<NamedConnSpec>& conns, bool inputs) {
  for (std::size_t i = 0; i < conns.size(); ++i) {
    const auto& nc = conns[i];
    PlanEdge e;
    e.name = nc.name;
    e.cap = nc.cap;
    (inputs ? e.input : e.output) = static_cast<int>(i);
    for (const auto& ref : nc.ports) {
      PlanEndpoint ep;
      PortInfo info;
      if (!resolve_port(w, ref, &ep, &info)) continue;
      if (info.kind == PortKind::kDyn) {
        diags_.error(ref.loc, "dyn inputs or outputs of graph", "ports");
        continue;
      }
      if (ep.node >= 0 &&
          w.pg.nodes[static_cast<std::size_t>(ep.node)].kind == PlanNodeKind::kDynamic) {
        diags_.error(ref.loc, "dyn nodes connect with inputs or outputs of graph", "ports");
        continue;
      }
      if (info.is_input != inputs) {
        diags_.error(ref.loc,
                     fmt::format("graph {} {} '{}' lists {}, which is an {} port", w.def.name,
                                 inputs ? "input" : "output", nc.name, ref.text,
                                 info.is_input ? "input" : "output"),
                     "ports");
        continue;
      }
      (inputs ? e.receivers : e.senders).push_back(ep);
    }
    w.pg.edges.push_back(std::move(e));
  }
}

/// A graph-typed node joined to a dyn port is dynamic; otherwise it is a static subgraph, which
/// cannot have alternatives.
void Planner::settle_node_kinds(GraphWork& w) {
  for (std::size_t i = 0; i < w.pg.nodes.size(); ++i) {
    PlanNode& n = w.pg.nodes[i];
    if (n.kind == PlanNodeKind::kNative) continue;
    if (w.dynamic[i]) {
      n.kind = PlanNodeKind::kDynamic;
      n.alternatives = w.alt_graphs[i];
      n.graph = nullptr;
    } else if (w.multi_alt[i]) {
      diags_.error(
          n.type_loc,
          fmt::format("static subgraph/node dont support dyn type [{}]", w.def.nodes[i].type),
          "ty");
    } else {
      n.kind = PlanNodeKind::kSubgraph;
      n.graph = w.alt_graphs[i].empty() ? nullptr : w.alt_graphs[i][0];
    }
  }
}

/// A dynamic node exists per key; an ordinary connection to it would have no instance to join.
void Planner::check_dynamic_not_static(const PlanGraph& pg) {
  for (const auto& e : pg.edges) {
    for (const auto* side : {&e.senders, &e.receivers}) {
      for (const auto& ep : *side) {
        if (ep.node < 0) continue;
        const PlanNode& n = pg.nodes[static_cast<std::size_t>(ep.node)];
        if (n.kind != PlanNodeKind::kDynamic) continue;
        diags_.error(ep.loc,
                     fmt::format("node {} is created per key by a dyn port and cannot also be "
                                 "connected statically",
                                 n.name),
                     "ports");
      }
    }
  }
}

}  // namespace rill::detail
