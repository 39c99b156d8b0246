#pragma once
// Resources: lazily constructed named objects, scoped globally or per graph instance.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rill/core/graph_spec.hpp"
#include "rill/core/registry.hpp"

namespace rill::detail {

/// One resource object, built on first use. If construction fails it is retried once (the
/// original evicts unreferenced cached resources first, for GPU memory; rill has nothing to
/// evict, so the retry alone remains); a second failure is reported to the caller.
/// Thread safety: get() may be called concurrently; the factory runs once at a time.
class ResourceCell {
 public:
  ResourceCell(ResourceSpec spec, const ResourceType* type) : spec_(std::move(spec)), type_(type) {}
  Value get();
  [[nodiscard]] const std::string& name() const { return spec_.name; }

 private:
  std::mutex mu_;
  ResourceSpec spec_;
  const ResourceType* type_;
  bool built_ = false;
  Value value_;
};

/// The resources a graph instance can see, by name. Overlays are cheap (shared cells).
class ResourceView {
 public:
  /// `own` overlaid on `parent` restricted to `allowed` (own wins on a name clash).
  static std::shared_ptr<const ResourceView> make(
      const std::shared_ptr<const ResourceView>& parent, const std::vector<std::string>* allowed,
      const std::vector<ResourceSpec>& own, const std::vector<const ResourceType*>& own_types);
  [[nodiscard]] std::shared_ptr<ResourceCell> find(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> names() const;

 private:
  std::map<std::string, std::shared_ptr<ResourceCell>, std::less<>> cells_;
};

}  // namespace rill::detail
