#pragma once
// FaceDetect (`inp` → `out`): the FaceDetector operators as a graph node. Each message is a map
// holding a frame under "data" (what VideoInput and ImageInput send) or a frame itself; it goes
// out with the faces added under "items", MegFlow's key: a list of
// {"bbox": [x0, y0, x1, y1], "score": s, "label": 0, "keypoints": [[x, y], ...]} in the
// frame's pixels. Messages are detected in batches (up to `batch_size`, or whatever arrived
// within `batch_timeout_ms`), one model forward per batch: declared as a shared node, one
// FaceDetect serves every stream's frames together.

#include <chrono>
#include <memory>

#include "rill/core/node.hpp"
#include "rill/vision/face_detect.hpp"
#include "rill/vision/face_detector_args.hpp"

namespace rill::vision {

class FaceDetectNode final : public Node {
 public:
  static constexpr Input<Value> kIn{"inp", "{data: frame, ...} or a frame"};
  static constexpr Output<Map> kOut{"out", "the message with `items`: the faces found"};
  static constexpr IntArg kBatch{
      .name = "batch_size", .def = 8, .min = 1, .max = 256, .doc = "frames per forward"};
  static constexpr FloatArg kTimeout{.name = "batch_timeout_ms",
                                     .def = 2,
                                     .min = 0,
                                     .max = 10'000,
                                     .doc = "how long a batch waits to fill"};
  static Contract contract() {
    return {kIn,
            kOut,
            FaceDetectorArgs::kDetector,
            FaceDetectorArgs::kModel,
            FaceDetectorArgs::kScore,
            FaceDetectorArgs::kIou,
            kBatch,
            kTimeout};
  }

  /// Loads the detector (make_face_detector: the arguments it shares with the XStream method).
  /// Throws ModelError when the chosen model cannot be loaded.
  explicit FaceDetectNode(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

  /// Which detector was chosen ("blazeface" or "haar").
  [[nodiscard]] const char* detector_name() const { return detector_name_; }

 private:
  std::shared_ptr<FaceDetector> detector_;
  const char* detector_name_ = "";
  std::size_t batch_size_;
  std::chrono::nanoseconds timeout_;
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::vision
