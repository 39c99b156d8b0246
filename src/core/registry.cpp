#include "rill/core/registry.hpp"

#include <mutex>
#include <stdexcept>

namespace rill {

bool parse_port_decl(std::string_view text, PortDecl* out) {
  PortDecl d;
  auto colon = text.find(':');
  d.name = std::string(text.substr(0, colon));
  if (d.name.empty()) return false;
  for (char c : d.name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  if (colon == std::string_view::npos) {
    d.kind = PortKind::kUnit;
  } else {
    auto suffix = text.substr(colon + 1);
    if (suffix == "[]") {
      d.kind = PortKind::kList;
    } else if (suffix == "{}") {
      d.kind = PortKind::kDict;
    } else if (suffix == "dyn") {
      d.kind = PortKind::kDyn;
    } else {
      return false;
    }
  }
  *out = std::move(d);
  return true;
}

std::string format_port_decl(const PortDecl& p) {
  switch (p.kind) {
    case PortKind::kUnit: return p.name;
    case PortKind::kList: return p.name + ":[]";
    case PortKind::kDict: return p.name + ":{}";
    case PortKind::kDyn: return p.name + ":dyn";
  }
  return p.name;
}

const PortDecl* NodeType::find_input(std::string_view name) const {
  for (const auto& p : inputs) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const PortDecl* NodeType::find_output(std::string_view name) const {
  for (const auto& p : outputs) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

void Registry::add_node(NodeType type) {
  std::string name = type.name;
  nodes_.insert_or_assign(std::move(name), std::move(type));
}

void Registry::add_resource(ResourceType type) {
  std::string name = type.name;
  resources_.insert_or_assign(std::move(name), std::move(type));
}

const NodeType* Registry::find_node(std::string_view name) const {
  auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : &it->second;
}

const ResourceType* Registry::find_resource(std::string_view name) const {
  auto it = resources_.find(name);
  return it == resources_.end() ? nullptr : &it->second;
}

std::vector<std::string> Registry::node_names() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : nodes_) out.push_back(k);
  return out;
}

std::vector<std::string> Registry::resource_names() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : resources_) out.push_back(k);
  return out;
}

namespace detail {

namespace {
struct Pending {
  std::mutex mu;
  std::vector<NodeType> nodes;
  std::vector<ResourceType> resources;
};
Pending& pending() {
  static Pending p;
  return p;
}
}  // namespace

void add_pending_node(NodeType type) {
  std::lock_guard g(pending().mu);
  pending().nodes.push_back(std::move(type));
}

void add_pending_resource(ResourceType type) {
  std::lock_guard g(pending().mu);
  pending().resources.push_back(std::move(type));
}

std::vector<PortDecl> parse_port_list(const std::vector<std::string>& decls) {
  std::vector<PortDecl> out;
  for (const auto& s : decls) {
    PortDecl d;
    if (!parse_port_decl(s, &d)) throw std::invalid_argument("bad port declaration '" + s + "'");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace detail

void Registry::add_pending_plugins() {
  auto& p = detail::pending();
  std::lock_guard g(p.mu);
  // Kept (not moved) so a second registry built later in the process sees the same plugins.
  for (const auto& n : p.nodes) add_node(n);
  for (const auto& r : p.resources) add_resource(r);
}

}  // namespace rill
