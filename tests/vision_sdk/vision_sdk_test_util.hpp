#pragma once
// What the vision method tests share: workflows opened from inline JSON with the default method
// factory (where FaceDetect and Track are registered), XStream image data made from photos, and
// the boxes read back out of a workflow's output.

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core/mat.hpp>

#include "rill/config/workflow.hpp"
#include "rill/core/frame.hpp"
#include "rill/sdk/workflow.hpp"
#include "rill/vision/detection.hpp"
#include "rill/vision_sdk/methods.hpp"

namespace rill::vision::testing {

/// `json` opened with the default factory; null when it does not open. Relative
/// method_config_file paths resolve against `base_dir`.
inline std::unique_ptr<sdk::Workflow> open_workflow(const std::string& json,
                                                    Diagnostics* diags_out = nullptr,
                                                    const std::string& base_dir = "") {
  Diagnostics diags;
  config::WorkflowLoad load = config::load_workflow_string(json, "test.json", base_dir, diags);
  EXPECT_EQ(load.status, config::WorkflowStatus::kOk) << diags.format();
  if (!load.spec) return nullptr;
  auto wf = std::make_unique<sdk::Workflow>();
  const int rc = wf->open(*load.spec, sdk::WorkflowOptions{}, diags);
  if (diags_out != nullptr) *diags_out = diags;
  if (rc != 0) return nullptr;
  return wf;
}

/// XStream's image datum over `mat` (CVImageFrame) with `format`.
inline std::shared_ptr<ImageFrameData> image_datum(
    const cv::Mat& mat, HorizonVisionPixelFormat format = kHorizonVisionPixelFormatRawBGR) {
  auto frame = std::make_shared<hobot::vision::CVImageFrame>();
  frame->img = mat;
  frame->pixel_format = format;
  auto datum = std::make_shared<ImageFrameData>();
  datum->value = frame;
  datum->type_ = "ImageFrame";
  return datum;
}

/// A packed BGR24 rill Frame with `bgr`'s pixels.
inline std::shared_ptr<const Frame> rill_frame(const cv::Mat& bgr) {
  auto f = Frame::allocate(PixelFormat::kBGR24, bgr.cols, bgr.rows);
  for (int y = 0; y < bgr.rows; ++y) {
    std::memcpy(f->data() + f->stride() * static_cast<std::size_t>(y), bgr.ptr(y),
                static_cast<std::size_t>(bgr.cols) * 3);
  }
  return f;
}

/// One frame for a workflow whose input slot is `slot`.
inline sdk::FrameInput frame_input(xstream::BaseDataPtr datum, const std::string& slot = "image",
                                   std::uint32_t source = 0) {
  datum->name_ = slot;
  sdk::FrameInput in;
  in.datas_.push_back(std::move(datum));
  in.source_id_ = source;
  return in;
}

/// The BBoxes of a BaseDataVector of BBoxData (a failure, and none, for anything else).
inline std::vector<hobot::vision::BBox> bboxes(const xstream::BaseDataPtr& datum) {
  std::vector<hobot::vision::BBox> out;
  const auto* v = dynamic_cast<const xstream::BaseDataVector*>(datum.get());
  EXPECT_NE(v, nullptr) << "not a BaseDataVector: " << (datum ? datum->type_ : "null");
  if (v == nullptr) return out;
  for (const auto& d : v->datas_) {
    const auto* b = dynamic_cast<const BBoxData*>(d.get());
    EXPECT_NE(b, nullptr) << "an element is no BBoxData";
    if (b != nullptr) out.push_back(b->value);
  }
  return out;
}

inline Box box_of(const hobot::vision::BBox& b) { return Box{b.x1, b.y1, b.x2, b.y2}; }

/// The single output group's data of a predict() call (failing the test on an error).
inline std::vector<xstream::BaseDataPtr> predict(sdk::Workflow& wf, const sdk::FrameInput& in) {
  std::vector<sdk::FrameOutputPtr> outs = wf.predict(in);
  EXPECT_EQ(outs.size(), 1u);
  if (outs.empty()) return {};
  EXPECT_EQ(outs[0]->error_code_, 0) << outs[0]->error_detail_;
  return outs[0]->datas_;
}

}  // namespace rill::vision::testing
