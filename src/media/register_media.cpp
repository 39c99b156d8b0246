#include "image_input.hpp"
#include "rill/media/nodes.hpp"
#include "video_input.hpp"

namespace rill::media {

void register_media_nodes(Registry& registry) {
  registry.add<ImageInput>("ImageInput",
                           "decodes the images of folders, files and globs, in sorted order");
  registry.add<VideoInput>("VideoInput",
                           "decodes video files and live URLs, one subgraph instance per stream");
}

}  // namespace rill::media
