// Node and resource tables.

#include <climits>

#include <rill/core/limits.hpp>

#include "toml/schema_readers.hpp"
#include "toml/toml_value.hpp"

namespace rill::config::toml_fe {
namespace {

/// Checks a `ty` string: non-empty, and no empty alternative in `A|B`.
void check_type(TableReader& r, const std::string& ty, const SourceLoc& at) {
  if (ty.empty()) return;  // read_name reported it
  NodeSpec probe;
  probe.type = ty;
  for (const std::string& alt : probe.alternatives()) {
    if (alt.empty()) {
      r.error(at, "ty '" + ty + "' has an empty alternative", "ty");
      return;
    }
  }
}

}  // namespace

std::optional<NodeSpec> read_node(const toml::table& t, const std::string& prefix,
                                  ReadContext ctx) {
  TableReader r(t, "node", prefix, ctx);
  NodeSpec node;
  node.loc = r.loc();
  SourceLoc name_loc;
  bool named = r.read_name("name", &node.name, Need::kRequired, &name_loc);
  if (named && node.name.find(':') != std::string::npos) {
    // A ':' would make the node impossible to reference from a `node:port` string.
    r.error(name_loc, "node name '" + node.name + "' must not contain ':'", "name");
  }
  node.type_loc = node.loc;
  if (r.read_name("ty", &node.type, Need::kRequired, &node.type_loc)) {
    check_type(r, node.type, node.type_loc);
  }
  std::int64_t cloned = 1;
  if (r.read_int_in("cloned", 1, limits::kMaxCloned, &cloned, Need::kOptional)) {
    node.cloned = static_cast<int>(cloned);
  }
  r.read_string_list("res", &node.res, nullptr, Need::kOptional);
  r.read_name("executor", &node.executor, Need::kOptional);
  std::string on_error;
  SourceLoc on_error_loc;
  if (r.read_string("on_error", &on_error, Need::kOptional, &on_error_loc) &&
      !parse_on_error(on_error, &node.on_error)) {
    r.error(on_error_loc, "on_error must be one of stop, skip, restart, got '" + on_error + "'",
            "on_error");
  }
  for (const auto& [k, v] : r.rest()) {
    node.args.set(std::string(k->str()), toml_to_value(*v));
    node.arg_locs.emplace_back(std::string(k->str()), r.loc_of_key(*k));
  }
  if (!named) return std::nullopt;
  return node;
}

std::optional<ResourceSpec> read_resource(const toml::table& t, const std::string& prefix,
                                          ReadContext ctx) {
  TableReader r(t, "resource", prefix, ctx);
  ResourceSpec res;
  res.loc = r.loc();
  bool named = r.read_name("name", &res.name, Need::kRequired);
  r.read_name("ty", &res.type, Need::kRequired);
  for (const auto& [k, v] : r.rest()) res.args.set(std::string(k->str()), toml_to_value(*v));
  if (!named) return std::nullopt;
  return res;
}

}  // namespace rill::config::toml_fe
