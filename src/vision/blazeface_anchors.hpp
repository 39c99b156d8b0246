#pragma once
// The fixed SSD anchors BlazeFace's outputs are relative to. Each output row belongs to one
// anchor: a cell centre of a feature grid, in the order the model emits them.

#include <span>
#include <vector>

#include <opencv2/core/types.hpp>

namespace rill::vision::detail {

/// One feature grid: every layer of the same stride shares it, two anchors per layer per cell.
struct AnchorGrid {
  int stride = 0;
  int cols = 0;
  int rows = 0;
  int per_cell = 0;
  [[nodiscard]] int count() const { return cols * rows * per_cell; }
};

/// Groups `strides` (one per anchor layer, e.g. BlazeFace front's 8, 16, 16, 16) into grids over
/// `input`: consecutive layers of the same stride share one grid.
std::vector<AnchorGrid> anchor_grids(cv::Size input, std::span<const int> strides);

/// Anchor centres, normalised to [0, 1] of the input: grid by grid, rows top to bottom, cells
/// left to right, `per_cell` copies of each centre. BlazeFace's anchors all have size 1 (the
/// regressed width and height are absolute), so a centre is all an anchor is.
std::vector<cv::Point2f> anchor_centres(std::span<const AnchorGrid> grids);

}  // namespace rill::vision::detail
