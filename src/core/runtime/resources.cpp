#include "runtime/resources.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace rill::detail {

Value ResourceCell::get() {
  std::lock_guard g(mu_);
  if (built_) return value_;
  std::string first_error;
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      value_ = type_->factory(spec_.name, spec_.args);
      built_ = true;
      return value_;
    } catch (const std::exception& e) {
      if (attempt == 0)
        first_error = e.what();
      else
        throw std::runtime_error(fmt::format("resource {} (type {}) failed to build: {}",
                                             spec_.name, spec_.type, e.what()));
    }
  }
  throw std::runtime_error(first_error);
}

std::shared_ptr<const ResourceView> ResourceView::make(
    const std::shared_ptr<const ResourceView>& parent, const std::vector<std::string>* allowed,
    const std::vector<ResourceSpec>& own, const std::vector<const ResourceType*>& own_types) {
  auto v = std::make_shared<ResourceView>();
  if (parent) {
    for (const auto& [name, cell] : parent->cells_) {
      if (!allowed || std::find(allowed->begin(), allowed->end(), name) != allowed->end()) {
        v->cells_[name] = cell;
      }
    }
  }
  for (std::size_t i = 0; i < own.size(); ++i) {
    if (own_types[i]) v->cells_[own[i].name] = std::make_shared<ResourceCell>(own[i], own_types[i]);
  }
  return v;
}

std::shared_ptr<ResourceCell> ResourceView::find(const std::string& name) const {
  auto it = cells_.find(name);
  return it == cells_.end() ? nullptr : it->second;
}

std::vector<std::string> ResourceView::names() const {
  std::vector<std::string> out;
  out.reserve(cells_.size());
  for (const auto& [k, v] : cells_) out.push_back(k);
  return out;
}

}  // namespace rill::detail
