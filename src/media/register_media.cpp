#include "image_input.hpp"
#include "rill/media/nodes.hpp"
#include "snapshot_node.hpp"
#include "video_input.hpp"
#include "video_writer_node.hpp"

namespace rill::media {

void register_media_nodes(Registry& registry) {
  registry.add<ImageInput>("ImageInput",
                           "decodes the images of folders, files and globs, in sorted order");
  registry.add<VideoInput>("VideoInput",
                           "decodes video files and live URLs, one subgraph instance per stream");
  registry.add<VideoWriterNode>(
      "VideoWriter", "writes the frames into H.264 video files, one per stream with {stream}");
  registry.add<SnapshotNode>("Snapshot", "writes frames as JPEG files named from a pattern");
}

}  // namespace rill::media
