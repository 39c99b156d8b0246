#pragma once
// Weighted non-maximum suppression: overlapping detections of one object become one detection
// whose box and keypoints are their score-weighted average (MediaPipe's blending), which is
// steadier from frame to frame than keeping the single best box.

#include <vector>

#include "rill/vision/detection.hpp"

namespace rill::vision {

/// Repeatedly takes the highest-scoring detection left, gathers every remaining one of the same
/// label whose IoU with it exceeds `iou_threshold`, and replaces the group by one detection:
/// corners and keypoints averaged with the scores as weights, the best score kept. Returns them
/// best first. Keypoints are averaged only when every member has the same number.
std::vector<Detection> weighted_nms(std::vector<Detection> detections, float iou_threshold);

}  // namespace rill::vision
