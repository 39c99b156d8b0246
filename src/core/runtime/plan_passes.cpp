// The passes of the planner that run over planned graphs: over one graph once its nodes and
// edges are known (unit ports used once, Bcast for fan-out, shared-node capacities), and over the
// whole plan (recursion, resources, captured global resources, shared subgraphs).

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "runtime/planner.hpp"

namespace rill::detail {

/// A unit port wired by several connections would silently lose all but one of them in
/// MegFlow; rill rejects it.
void Planner::check_single_use(const PlanGraph& pg) {
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

/// A connection with several receiver ports gets a hidden Bcast so every receiver
/// port sees every message.
void Planner::insert_bcast(PlanGraph& pg) {
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

void Planner::record_global_caps(const PlanGraph& pg) {
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

// --- the whole plan --------------------------------------------------------------------------

/// A graph that contains itself, at the `ty` that closes the cycle.
void Planner::check_recursion() {
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

void Planner::plan_resources() {
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

/// A global resource named by any node nested inside graph G is added to the `res`
/// of every node whose type is G, so deep nodes see it without intermediate declarations.
void Planner::capture_global_resources() {
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

/// A shared node that is a graph must not itself use shared nodes.
void Planner::check_shared_subgraphs() {
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

}  // namespace rill::detail
