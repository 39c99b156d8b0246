#pragma once
// Track as an XStream method: IouTracker (the TOML node's tracker, same arguments) over
// FaceDetect's boxes. One instance per source (is_src_ctx_dept) with frames in order
// (is_need_reorder), so each source id has a tracker of its own that sees its frames in sequence.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hobotxstream/method.h"
#include "rill/vision/tracker.hpp"

namespace rill::vision::detail {

/// Lifecycle: Init or InitFromJsonString once, then DoProcess from one thread at a time (not
/// thread-safe: the tracker is one source's state).
class TrackMethod final : public xstream::Method {
 public:
  /// Reads the keys from the JSON file `config_file_path` ("" = defaults). Throws
  /// std::invalid_argument for a bad config.
  int Init(const std::string& config_file_path) override;
  /// The node's `method_config`. Throws as Init.
  int InitFromJsonString(const std::string& config) override;
  /// input[b][0]: frame b's boxes, a BaseDataVector of BBoxData (non-VALID boxes are left out)
  /// or an XStreamData<std::vector<hobot::vision::BBox>>. Output per frame: the live tracks
  /// (BBoxData, id = track id; VALID when matched in this frame, INVISIBLE while missing) and
  /// the ids that ended (TrackIdData). A null or not VALID input leaves the tracker untouched
  /// and gives empty, INVALID outputs; anything else throws std::invalid_argument.
  std::vector<std::vector<xstream::BaseDataPtr>> DoProcess(
      const std::vector<std::vector<xstream::BaseDataPtr>>& input,
      const std::vector<xstream::InputParamPtr>& param) override;
  void Finalize() override;
  [[nodiscard]] std::string GetVersion() const override;
  xstream::MethodInfo GetMethodInfo() override;

 private:
  std::vector<Detection> detections_of(const xstream::BaseData& datum, const std::string& what);
  int label_of(const std::string& category);

  std::optional<IouTracker> tracker_;
  // Tracks match only boxes of their own category: labels numbered in order of appearance.
  std::map<std::string, int> labels_;
  std::vector<std::string> categories_;
};

}  // namespace rill::vision::detail
