#pragma once
// The vision layer's node types (FaceDetect, ...), registered beside the built-in and media ones
// by hosts that run graphs: the CLI and the Python module.

#include "rill/core/registry.hpp"

namespace rill::vision {

/// Adds the vision node types to `registry`.
void register_vision_nodes(Registry& registry);

}  // namespace rill::vision
