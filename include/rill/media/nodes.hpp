#pragma once
// The media layer's node types (VideoInput, ...), registered beside the built-in ones by hosts
// that run graphs: the CLI and the Python module.

#include "rill/core/registry.hpp"

namespace rill::media {

/// Adds the media node types to `registry`.
void register_media_nodes(Registry& registry);

}  // namespace rill::media
