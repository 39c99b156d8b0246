#include "nodes/face_detect_node.hpp"

#include <utility>

#include "rill/core/frame.hpp"
#include "rill/vision/face_detector_args.hpp"
#include "rill/vision/frame_mat.hpp"
#include "rill/vision/messages.hpp"

namespace rill::vision {

FaceDetectNode::FaceDetectNode(const NodeConfig& config)
    : batch_size_(static_cast<std::size_t>(config.arg(kBatch))),
      timeout_(std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::duration<double, std::milli>(config.arg(kTimeout)))) {
  ChosenFaceDetector chosen = make_face_detector(config);
  detector_ = std::move(chosen.detector);
  detector_name_ = chosen.name;
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
        frames.push_back(as_bgr(frame_of(e.msg(), "FaceDetect")));
        images.push_back(bgr_mat(*frames.back()));
      }
      std::vector<std::vector<Detection>> faces = detector_->detect(images);
      for (std::size_t i = 0; i < batch.values.size(); ++i) {
        Envelope& e = batch.values[i];
        Map msg = e.msg().is_map() ? e.msg().as_map() : Map{};
        if (!e.msg().is_map()) msg.set("data", e.msg());
        msg.set("items", items_value(faces[i]));
        co_await out_->send(e.repack(Value(std::move(msg))));
      }
    }
    if (batch.closed) co_return;  // end-of-stream or a marker, after the partial batch went out
  }
}

}  // namespace rill::vision
