#include "rill/core/registry.hpp"

#include <mutex>

namespace rill {

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
  out.reserve(nodes_.size());
  for (const auto& [k, v] : nodes_) out.push_back(k);
  return out;
}

std::vector<std::string> Registry::resource_names() const {
  std::vector<std::string> out;
  out.reserve(resources_.size());
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

}  // namespace detail

void Registry::add_pending_plugins() {
  auto& p = detail::pending();
  std::lock_guard g(p.mu);
  // Kept (not moved) so a second registry built later in the process sees the same plugins.
  for (const auto& n : p.nodes) add_node(n);
  for (const auto& r : p.resources) add_resource(r);
}

}  // namespace rill
