// The XStream JSON front-end entry points: parse → v1.1 expansion → schema → graph checks.

#include <set>
#include <string>

#include <rill/config/workflow.hpp>

#include "json/expansion.hpp"
#include "json/graph_checks.hpp"
#include "json/include_files.hpp"
#include "json/json_parser.hpp"
#include "json/schema_reader.hpp"
#include "text_file.hpp"

namespace rill::config {
namespace {

using json_fe::JsonNode;

/// XStream's folder_path_: everything up to the last '/', or "./".
std::string parent_dir(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "./" : path.substr(0, slash + 1);
}

std::string with_slash(const std::string& dir) {
  if (dir.empty()) return "./";
  return dir.back() == '/' ? dir : dir + "/";
}

/// A template used N times reports the same mistake in it N times; one is enough. A note stays
/// with the diagnostic it explains.
void append_unique(const Diagnostics& from, Diagnostics& into) {
  std::set<std::string> seen;
  bool keep = true;
  for (const Diagnostic& d : from.items()) {
    if (d.severity != Severity::kNote) keep = seen.insert(d.format()).second;
    if (keep) into.add(d);
  }
}

void load_into(const std::string& text, const std::string& file, const std::string& folder,
               Diagnostics& diags, WorkflowLoad* out) {
  out->status = WorkflowStatus::kLoadError;
  std::optional<JsonNode> root = json_fe::parse_json(text, file, diags);
  if (!root) return;
  if (!root->is_object()) {
    diags.error(root->loc, "a workflow config must be a JSON object, got " +
                               std::string(json_fe::kind_name(*root)));
    return;
  }
  // XStream selects v1.1 by the mere presence of `version`, whatever its value.
  std::optional<JsonNode> flat =
      root->has("version") ? json_fe::expand_v11(std::move(*root), folder, diags) : std::move(root);
  if (!flat) return;
  out->expanded_json =
      json_fe::to_nlohmann(*flat).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);

  std::size_t errors_before = diags.error_count();
  json_fe::SpecRead read = json_fe::read_workflow_spec(*flat, file, folder, diags);
  bool schema_ok = diags.error_count() == errors_before;
  // The graph is checked even after schema errors (when its slots could be read), so that one
  // run shows every problem; the status stays the load error.
  WorkflowStatus graph = read.graph_readable ? json_fe::check_graph(read.spec, read.locs, diags)
                                             : WorkflowStatus::kLoadError;
  if (!schema_ok) return;
  out->status = graph;
  if (graph == WorkflowStatus::kOk) out->spec = std::move(read.spec);
}

WorkflowLoad load(const std::string& text, const std::string& file, const std::string& folder,
                  Diagnostics& diags) {
  WorkflowLoad out;
  Diagnostics found;
  load_into(text, file, folder, found, &out);
  append_unique(found, diags);
  return out;
}

}  // namespace

WorkflowLoad load_workflow_file(const std::string& path, Diagnostics& diags) {
  std::string text;
  std::string why;
  if (!read_text_file(path, &text, &why)) {
    diags.error(SourceLoc{path, 0, 0}, "cannot read workflow file: " + why);
    WorkflowLoad out;
    out.status = WorkflowStatus::kLoadError;
    return out;
  }
  return load(text, path, parent_dir(path), diags);
}

WorkflowLoad load_workflow_string(const std::string& text, const std::string& virtual_name,
                                  const std::string& base_dir, Diagnostics& diags) {
  return load(text, virtual_name.empty() ? "<string>" : virtual_name, with_slash(base_dir), diags);
}

}  // namespace rill::config
