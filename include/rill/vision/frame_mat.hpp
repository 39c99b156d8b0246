#pragma once
// rill::Frame -> cv::Mat without copying pixels, so that the vision operators take frames from
// any source (decoders, numpy arrays, plugins).

#include <opencv2/core/mat.hpp>

#include "rill/core/frame.hpp"

namespace rill::vision {

/// A CV_8UC3 Mat over the pixels of a BGR24 frame: same memory, same stride. The Mat does not
/// keep the pixels alive; hold the frame while using it. Throws std::invalid_argument for a
/// frame of another format: get the BGR24 one with rill::as_bgr(frame) first (converted once
/// and cached in the frame).
cv::Mat bgr_mat(const Frame& frame);

}  // namespace rill::vision
