#include "nodes/face_detect_node.hpp"
#include "nodes/shaper_node.hpp"
#include "nodes/summary_node.hpp"
#include "nodes/track_node.hpp"
#include "nodes/visualize_node.hpp"
#include "rill/vision/nodes.hpp"

namespace rill::vision {

void register_vision_nodes(Registry& registry) {
  registry.add<FaceDetectNode>("FaceDetect",
                               "adds the faces in each frame as `items` (BlazeFace or Haar), "
                               "one model forward per batch");
  registry.add<TrackNode>("Track",
                          "gives FaceDetect's faces track ids per stream (IoU matching): adds "
                          "`tracks`, `born` and `died`");
  registry.add<VisualizeNode>("Visualize",
                              "draws the tracks (else the items) onto the frame, in place");
  registry.add<ShaperNode>("Shaper",
                           "sends the best picture of each track (a BGR crop) on `shots` once the "
                           "track ends");
  registry.add<SummaryNode>("Summary",
                            "counts frames, faces, tracks and fps per stream and prints them as "
                            "a table when the input ends");
}

}  // namespace rill::vision
