#include "nodes/face_detect_node.hpp"

#include <filesystem>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "rill/core/frame.hpp"
#include "rill/vision/frame_mat.hpp"
#include "rill/vision/haar_face.hpp"

namespace rill::vision {
namespace {

/// The frame a message carries: the message itself, or its "data".
std::shared_ptr<const Frame> frame_of(const Value& msg) {
  if (msg.is_frame()) return msg.as_frame();
  if (msg.is_map()) {
    const Value* data = msg.as_map().find("data");
    if (data != nullptr && data->is_frame()) return data->as_frame();
  }
  throw std::invalid_argument(
      "FaceDetect: the message is neither a frame nor a map with a frame "
      "under \"data\"");
}

Value items_of(const std::vector<Detection>& faces) {
  List items;
  items.reserve(faces.size());
  for (const Detection& d : faces) {
    Map item;
    item.set(
        "bbox",
        Value(List{Value(static_cast<double>(d.box.x0)), Value(static_cast<double>(d.box.y0)),
                   Value(static_cast<double>(d.box.x1)), Value(static_cast<double>(d.box.y1))}));
    item.set("score", Value(static_cast<double>(d.score)));
    item.set("label", Value(static_cast<std::int64_t>(d.label)));
    List points;
    points.reserve(d.keypoints.size());
    for (const cv::Point2f& p : d.keypoints) {
      points.push_back(
          Value(List{Value(static_cast<double>(p.x)), Value(static_cast<double>(p.y))}));
    }
    item.set("keypoints", Value(std::move(points)));
    items.push_back(Value(std::move(item)));
  }
  return Value(std::move(items));
}

}  // namespace

FaceDetectNode::FaceDetectNode(const NodeConfig& config)
    : batch_size_(static_cast<std::size_t>(config.arg(kBatch))),
      timeout_(std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::duration<double, std::milli>(config.arg(kTimeout)))) {
  const std::string which = config.arg(kDetector);
  const std::filesystem::path model = config.arg(kModel);
  if (which == "blazeface" || (which == "auto" && std::filesystem::exists(model))) {
    BlazeFaceOptions o;
    o.score_threshold = static_cast<float>(config.arg(kScore));
    o.iou_threshold = static_cast<float>(config.arg(kIou));
    detector_ = std::make_shared<BlazeFace>(model, o);
    detector_name_ = "blazeface";
  } else {
    if (which == "auto") {
      spdlog::warn("{}: no BlazeFace model at {} (`make deps` fetches it): using the Haar cascade",
                   config.path, model.string());
    }
    detector_ = std::make_shared<HaarFaceDetector>();
    detector_name_ = "haar";
  }
}

void FaceDetectNode::init(Context& ctx) {
  in_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> FaceDetectNode::exec(Context& ctx) {
  for (;;) {
    BatchResult<Envelope> batch = co_await in_->batch_recv(batch_size_, timeout_);
    if (!batch.values.empty()) {
      std::vector<std::shared_ptr<const Frame>> frames;  // keep the BGR pixels alive
      std::vector<cv::Mat> images;
      frames.reserve(batch.values.size());
      images.reserve(batch.values.size());
      for (const Envelope& e : batch.values) {
        frames.push_back(as_bgr(frame_of(e.msg())));
        images.push_back(bgr_mat(*frames.back()));
      }
      std::vector<std::vector<Detection>> faces = detector_->detect(images);
      for (std::size_t i = 0; i < batch.values.size(); ++i) {
        Envelope& e = batch.values[i];
        Map msg = e.msg().is_map() ? e.msg().as_map() : Map{};
        if (!e.msg().is_map()) msg.set("data", e.msg());
        msg.set("items", items_of(faces[i]));
        co_await out_->send(e.repack(Value(std::move(msg))));
      }
    }
    if (batch.closed) co_return;  // end-of-stream or a marker, after the partial batch went out
  }
}

}  // namespace rill::vision
