#pragma once
// Planner: make_plan's worker, private to rill_core. It resolves a GraphSpec in phases:
//   1. every graph's name (graphs may be used before their definition), then the shared nodes;
//   2. per graph (plan.cpp): nodes and their types, connections, the graph's inputs and outputs,
//      node kinds settled (a graph-typed node joined to a dyn port is dynamic), then the passes
//      of plan_passes.cpp: single use of unit ports, Bcast for fan-out, shared-node capacities;
//   3. whole plan (plan_passes.cpp): recursion, resources, captured global resources, shared
//      subgraphs.
// Every problem is reported to `diags` at its location; run() returns nullptr if there was one.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/plan.hpp"

namespace rill::detail {

class Planner {
 public:
  Planner(const GraphSpec& spec, std::shared_ptr<const Registry> registry,
          const std::vector<std::string>& extra_executors, Diagnostics& diags);

  std::unique_ptr<Plan> run();

 private:
  struct PortInfo {
    bool is_input = false;
    PortKind kind = PortKind::kUnit;
  };
  using Endpoints = std::vector<std::pair<PlanEndpoint, PortInfo>>;

  /// What planning one graph learns before its node kinds are settled.
  struct GraphWork {
    const GraphDef& def;
    PlanGraph& pg;
    std::unordered_map<std::string, int> local;  ///< node name -> index in pg.nodes
    /// Per node: the graphs it may be (one for a subgraph node, several for `ty = "A|B"`).
    std::vector<std::vector<const PlanGraph*>> alt_graphs;
    std::vector<bool> dynamic;    ///< joined to a dyn port
    std::vector<bool> multi_alt;  ///< declared with alternatives
  };

  // Node types (plan.cpp).
  bool resolve_type(const std::string& name, const SourceLoc& loc, const NodeType** type,
                    const PlanGraph** graph);
  void check_node_args(const NodeSpec& ns, const NodeType& t);
  void fill_common(PlanNode& pn, const NodeSpec& ns);
  void plan_globals();

  // Ports (plan.cpp).
  static std::optional<PortInfo> graph_port(const PlanGraph& g, const std::string& port);
  static std::optional<PortInfo> type_port(const NodeType& t, const std::string& port);
  void ensure_boundary(const PlanGraph* g);
  bool resolve_port(GraphWork& w, const PortRef& ref, PlanEndpoint* ep, PortInfo* info);

  // One graph's phases (plan.cpp).
  void plan_graph(const GraphDef& def, PlanGraph& pg);
  void plan_nodes(GraphWork& w);
  void plan_connections(GraphWork& w);
  void plan_dyn_edge(GraphWork& w, const ConnectionSpec& c, Endpoints& eps);
  void plan_boundary(GraphWork& w, const std::vector<NamedConnSpec>& conns, bool inputs);
  void settle_node_kinds(GraphWork& w);
  void check_dynamic_not_static(const PlanGraph& pg);

  // Passes over one planned graph (plan_passes.cpp).
  void check_single_use(const PlanGraph& pg);
  void insert_bcast(PlanGraph& pg);
  void record_global_caps(const PlanGraph& pg);

  // Whole-plan passes (plan_passes.cpp).
  void check_recursion();
  void plan_resources();
  void capture_global_resources();
  void check_shared_subgraphs();

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

/// Every name, sorted and comma-separated: an unknown type lists all registered ones.
std::string name_list(std::vector<std::string> names);

}  // namespace rill::detail
