// Cross-table validation passes.

#include "toml/spec_checks.hpp"

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <rill/core/limits.hpp>

#include "toml/table_reader.hpp"

namespace rill::config::toml_fe {
namespace {

/// Reports each repeated name in `items` (name/loc read through `name_of`/`loc_of`).
template <typename T, typename NameOf, typename LocOf>
void check_duplicates(const std::vector<T>& items, const std::string& what,
                      const std::string& scope, const std::string& key, NameOf name_of,
                      LocOf loc_of, Diagnostics& diags) {
  std::map<std::string, const T*> first;
  for (const T& item : items) {
    auto [it, inserted] = first.emplace(name_of(item), &item);
    if (inserted) continue;
    diags.error(loc_of(item), "duplicate " + what + " name '" + name_of(item) + "'" + scope, key);
    diags.note(loc_of(*it->second), "'" + name_of(item) + "' is first declared here", key);
  }
}

}  // namespace

void check_main_graph(const GraphSpec& spec, Diagnostics& diags) {
  if (spec.main.empty() || spec.find_graph(spec.main) != nullptr) return;
  // MegFlow: "graph X is not exist". Here the message also says what would have matched.
  std::string message = "main graph '" + spec.main + "' is not defined";
  std::vector<std::string> names;
  for (const GraphDef& g : spec.graphs) names.push_back(g.name);
  if (names.empty()) {
    message += ": the config has no [[graphs]]";
  } else if (std::string guess = closest_match(spec.main, names); !guess.empty()) {
    message += " (did you mean '" + guess + "'?)";
  } else {
    message += " (graphs:";
    for (const std::string& n : names) message += " " + n;
    message += ")";
  }
  diags.error(spec.main_loc, message, "main");
}

void check_executor_count(const GraphSpec& spec, Diagnostics& diags) {
  if (spec.executors.size() <= static_cast<std::size_t>(limits::kMaxExecutors)) return;
  const ExecutorSpec& first_over = spec.executors[static_cast<std::size_t>(limits::kMaxExecutors)];
  diags.error(first_over.loc,
              fmt::format("{} [[executors]]: at most {} may be declared", spec.executors.size(),
                          limits::kMaxExecutors),
              "executors");
}

void check_unique_names(const GraphSpec& spec, Diagnostics& diags) {
  auto node_name = [](const NodeSpec& n) { return n.name; };
  auto node_loc = [](const NodeSpec& n) { return n.loc; };
  auto res_name = [](const ResourceSpec& r) { return r.name; };
  auto res_loc = [](const ResourceSpec& r) { return r.loc; };
  auto conn_name = [](const NamedConnSpec& c) { return c.name; };
  auto conn_loc = [](const NamedConnSpec& c) { return c.loc; };

  check_duplicates(
      spec.graphs, "graph", "", "graphs.name", [](const GraphDef& g) { return g.name; },
      [](const GraphDef& g) { return g.loc; }, diags);
  check_duplicates(spec.nodes, "global node", "", "nodes.name", node_name, node_loc, diags);
  check_duplicates(spec.resources, "global resource", "", "resources.name", res_name, res_loc,
                   diags);
  check_duplicates(
      spec.executors, "executor", "", "executors.name",
      [](const ExecutorSpec& e) { return e.options.name; },
      [](const ExecutorSpec& e) { return e.loc; }, diags);
  for (const GraphDef& g : spec.graphs) {
    std::string scope = " in graph '" + g.name + "'";
    check_duplicates(g.nodes, "node", scope, "graphs.nodes.name", node_name, node_loc, diags);
    check_duplicates(g.resources, "resource", scope, "graphs.resources.name", res_name, res_loc,
                     diags);
    check_duplicates(g.inputs, "input", scope, "graphs.inputs.name", conn_name, conn_loc, diags);
    check_duplicates(g.outputs, "output", scope, "graphs.outputs.name", conn_name, conn_loc, diags);
  }
}

}  // namespace rill::config::toml_fe
