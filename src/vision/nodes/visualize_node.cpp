#include "nodes/visualize_node.hpp"

#include <stdexcept>

#include "rill/core/frame.hpp"
#include "rill/vision/frame_mat.hpp"
#include "rill/vision/messages.hpp"

namespace rill::vision {

VisualizeNode::VisualizeNode(const NodeConfig& config)
    : thickness_(static_cast<int>(config.arg(kThickness))), keypoints_(config.arg(kKeypoints)) {}

void VisualizeNode::init(Context& ctx) {
  in_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> VisualizeNode::exec(Context& ctx) {
  std::optional<Envelope> e = co_await in_->recv();
  if (!e) co_return;
  if (!e->msg().is_map()) throw std::invalid_argument("Visualize: the message is not a map");
  const Map& in = e->msg().as_map();
  std::shared_ptr<const Frame> bgr = as_bgr(frame_of(e->msg(), "Visualize"));
  cv::Mat image = bgr_mat(*bgr);  // the frame's own pixels: drawn in place
  DrawStyle style;
  style.thickness = thickness_;
  style.keypoints = keypoints_;
  draw_message(image, in, style, "Visualize");
  Map msg = in;
  msg.set("data", Value(bgr));
  co_await out_->send(e->repack(Value(std::move(msg))));
}

}  // namespace rill::vision
