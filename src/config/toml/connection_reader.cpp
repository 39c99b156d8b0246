// Connection and named-connection (graph input/output) tables.

#include <rill/core/limits.hpp>

#include "toml/port_ref.hpp"
#include "toml/schema_readers.hpp"

namespace rill::config::toml_fe {

bool read_cap_and_ports(TableReader& r, std::size_t* cap, std::vector<PortRef>* ports,
                        bool ports_may_be_empty) {
  bool ok = true;
  std::int64_t c = 0;
  // cap 0 made MegFlow panic ("capacity cannot be zero"); here it is a located error, and so
  // is a cap no queue should reach.
  if (r.read_int_in("cap", 1, limits::kMaxChannelCap, &c, Need::kRequired)) {
    *cap = static_cast<std::size_t>(c);
  } else {
    ok = false;
  }
  std::vector<std::string> texts;
  std::vector<SourceLoc> locs;
  if (!r.read_string_list("ports", &texts, &locs, Need::kRequired)) return false;
  if (texts.empty() && !ports_may_be_empty) {
    // MegFlow: "encountered an unused connections".
    r.error(r.value_loc("ports"), "connection has an empty ports list", "ports");
    return false;
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto ref = parse_port_ref(texts[i], locs[i], r.key_path("ports"), r.context().diags);
    if (ref) {
      ports->push_back(std::move(*ref));
    } else {
      ok = false;
    }
  }
  return ok;
}

std::optional<ConnectionSpec> read_connection(const toml::table& t, const std::string& prefix,
                                              ReadContext ctx) {
  TableReader r(t, "connection", prefix, ctx);
  ConnectionSpec conn;
  conn.loc = r.loc();
  read_cap_and_ports(r, &conn.cap, &conn.ports, false);
  r.reject_rest({"cap", "ports"});
  return conn;
}

std::optional<NamedConnSpec> read_named_conn(const toml::table& t, const std::string& prefix,
                                             const std::string& what, ReadContext ctx) {
  TableReader r(t, what, prefix, ctx);
  NamedConnSpec conn;
  conn.loc = r.loc();
  bool named = r.read_name("name", &conn.name, Need::kRequired);
  read_cap_and_ports(r, &conn.cap, &conn.ports, true);
  // MegFlow's NamedConn flattens a Connection without deny_unknown_fields: extra keys were
  // silently ignored. Keep accepting them, but say so.
  r.warn_rest({"name", "cap", "ports"});
  if (!named) return std::nullopt;
  return conn;
}

}  // namespace rill::config::toml_fe
