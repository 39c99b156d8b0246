#pragma once
// FaceDetect as an XStream method: one image slot in, one BaseDataVector of BBoxData out per
// frame. The detector is the one the TOML node builds (make_face_detector, same arguments);
// a batch of frames goes through one detect() call, hence one model forward.

#include <memory>
#include <string>
#include <vector>

#include "hobotxstream/method.h"
#include "rill/vision/face_detect.hpp"

namespace rill::vision::detail {

/// Lifecycle: Init or InitFromJsonString once (the workflow does), then DoProcess from any
/// thread: thread-safe (the detector is), so a workflow makes one instance per node.
class FaceDetectMethod final : public xstream::Method {
 public:
  /// Reads the keys from the JSON file `config_file_path` ("" = defaults). Throws
  /// std::invalid_argument for a bad config, ModelError for a model that cannot be loaded.
  int Init(const std::string& config_file_path) override;
  /// The node's `method_config`. Throws as Init.
  int InitFromJsonString(const std::string& config) override;
  /// input[b][0]: frame b's image. A null or not VALID image gives an empty, INVALID box vector;
  /// an input that is no image throws std::invalid_argument naming the frame.
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override;
  [[nodiscard]] std::string GetVersion() const override;
  xstream::MethodInfo GetMethodInfo() override;

  /// "blazeface" or "haar" once initialised.
  [[nodiscard]] const char* detector_name() const { return detector_name_; }

 private:
  std::shared_ptr<FaceDetector> detector_;
  const char* detector_name_ = "";
};

}  // namespace rill::vision::detail
