// `[[graphs]]` tables.

#include "toml/schema_readers.hpp"

namespace rill::config::toml_fe {

std::optional<GraphDef> read_graph(const toml::table& t, ReadContext ctx) {
  TableReader r(t, "graph", "graphs", ctx);
  GraphDef g;
  g.loc = r.loc();
  bool named = r.read_name("name", &g.name, Need::kRequired);
  r.read_table_list("nodes", [&](const toml::table& e) {
    if (auto n = read_node(e, "graphs.nodes", ctx)) g.nodes.push_back(std::move(*n));
  });
  r.read_table_list("resources", [&](const toml::table& e) {
    if (auto res = read_resource(e, "graphs.resources", ctx)) {
      g.resources.push_back(std::move(*res));
    }
  });
  r.read_table_list("connections", [&](const toml::table& e) {
    if (auto c = read_connection(e, "graphs.connections", ctx)) {
      g.connections.push_back(std::move(*c));
    }
  });
  r.read_table_list("inputs", [&](const toml::table& e) {
    if (auto c = read_named_conn(e, "graphs.inputs", "graph input", ctx)) {
      g.inputs.push_back(std::move(*c));
    }
  });
  r.read_table_list("outputs", [&](const toml::table& e) {
    if (auto c = read_named_conn(e, "graphs.outputs", "graph output", ctx)) {
      g.outputs.push_back(std::move(*c));
    }
  });
  r.reject_rest({"name", "nodes", "resources", "connections", "inputs", "outputs"});
  if (!named) return std::nullopt;
  return g;
}

}  // namespace rill::config::toml_fe
