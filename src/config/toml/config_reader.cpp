// The top-level config table.

#include "toml/schema_readers.hpp"

namespace rill::config::toml_fe {

ConfigFragment read_config(const toml::table& root, ReadContext ctx) {
  TableReader r(root, "config", "", ctx);
  ConfigFragment f;
  f.file = ctx.locator.file();
  f.loc = SourceLoc{f.file, 1, 1};
  std::string main;
  if (r.read_name("main", &main, Need::kOptional, &f.main_loc)) f.main = std::move(main);
  f.has_main = root.contains("main");
  r.read_table_list("graphs", [&](const toml::table& e) {
    if (auto g = read_graph(e, ctx)) f.graphs.push_back(std::move(*g));
  });
  r.read_table_list("nodes", [&](const toml::table& e) {
    if (auto n = read_node(e, "nodes", ctx)) f.nodes.push_back(std::move(*n));
  });
  r.read_table_list("resources", [&](const toml::table& e) {
    if (auto res = read_resource(e, "resources", ctx)) f.resources.push_back(std::move(*res));
  });
  r.read_table_list("executors", [&](const toml::table& e) {
    if (auto ex = read_executor(e, ctx)) f.executors.push_back(std::move(*ex));
  });
  std::vector<std::string> includes;
  std::vector<SourceLoc> locs;
  r.read_string_list("include", &includes, &locs, Need::kOptional);
  for (std::size_t i = 0; i < includes.size(); ++i) {
    f.includes.push_back({std::move(includes[i]), locs[i]});
  }
  r.reject_rest({"main", "graphs", "nodes", "resources", "include", "executors"});
  return f;
}

}  // namespace rill::config::toml_fe
