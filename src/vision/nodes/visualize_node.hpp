#pragma once
// Visualize (`inp` → `out`): draws what the pipeline found onto the frame, in place, as MegFlow's
// visualisation nodes do: the `tracks` when the message has them (box, "#id" and a steady colour
// per track), else the `items` (box, label, score, keypoints). The frame is the message's BGR
// frame (`rill::as_bgr`, so a decoder's YUV frame is converted once and the drawing lands in that
// shared BGR copy); the message goes on with that BGR frame as its "data".

#include "rill/core/node.hpp"

namespace rill::vision {

class VisualizeNode final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp", "{data: frame, items or tracks, ...}"};
  static constexpr Output<Map> kOut{"out", "the message, its frame drawn on (BGR)"};
  static constexpr IntArg kThickness{
      .name = "thickness", .def = 2, .min = 1, .max = 64, .doc = "box outline, pixels"};
  static constexpr BoolArg kKeypoints{
      .name = "keypoints", .def = true, .doc = "draw the detections' keypoints"};
  static Contract contract() { return {kIn, kOut, kThickness, kKeypoints}; }

  explicit VisualizeNode(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  int thickness_;
  bool keypoints_;
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::vision
