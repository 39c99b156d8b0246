#pragma once
// The node types the media node tests build graphs from: the built-ins and the media nodes.

#include <memory>

#include "rill/core/registry.hpp"
#include "rill/media/nodes.hpp"

namespace rill::testing {

inline std::shared_ptr<Registry> media_registry() {
  auto r = std::make_shared<Registry>();
  register_builtin_nodes(*r);
  media::register_media_nodes(*r);
  return r;
}

}  // namespace rill::testing
