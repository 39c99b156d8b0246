#include "blazeface_anchors.hpp"

#include <stdexcept>

namespace rill::vision::detail {

// Two anchors per layer per cell: MediaPipe's aspect ratio 1 plus the interpolated scale between
// it and the next layer's, which with fixed-size anchors are the same point.
constexpr int kAnchorsPerLayer = 2;

std::vector<AnchorGrid> anchor_grids(cv::Size input, std::span<const int> strides) {
  std::vector<AnchorGrid> grids;
  for (int stride : strides) {
    if (stride <= 0) throw std::invalid_argument("anchor stride must be positive");
    if (!grids.empty() && grids.back().stride == stride) {
      grids.back().per_cell += kAnchorsPerLayer;
      continue;
    }
    // Ceil: a partial cell at the border still has an output (SAME padding).
    grids.push_back({stride, (input.width + stride - 1) / stride,
                     (input.height + stride - 1) / stride, kAnchorsPerLayer});
  }
  return grids;
}

std::vector<cv::Point2f> anchor_centres(std::span<const AnchorGrid> grids) {
  std::vector<cv::Point2f> centres;
  for (const AnchorGrid& g : grids) {
    for (int y = 0; y < g.rows; ++y) {
      for (int x = 0; x < g.cols; ++x) {
        const cv::Point2f c((x + 0.5f) / g.cols, (y + 0.5f) / g.rows);
        for (int k = 0; k < g.per_cell; ++k) centres.push_back(c);
      }
    }
  }
  return centres;
}

}  // namespace rill::vision::detail
