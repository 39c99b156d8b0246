#include "rill/vision/nms.hpp"

#include <algorithm>

namespace rill::vision {
namespace {

Detection blend(const std::vector<const Detection*>& group) {
  const Detection& best = *group.front();
  if (group.size() == 1) return best;
  float total = 0;
  Box box{0, 0, 0, 0};
  std::vector<cv::Point2f> keypoints(best.keypoints.size(), cv::Point2f(0, 0));
  bool same_keypoints = true;
  for (const Detection* d : group) {
    const float w = d->score;
    total += w;
    box.x0 += w * d->box.x0;
    box.y0 += w * d->box.y0;
    box.x1 += w * d->box.x1;
    box.y1 += w * d->box.y1;
    same_keypoints = same_keypoints && d->keypoints.size() == keypoints.size();
    for (std::size_t k = 0; same_keypoints && k < keypoints.size(); ++k) {
      keypoints[k] += w * d->keypoints[k];
    }
  }
  // Scores of zero everywhere leave nothing to weigh by: keep the best as it is.
  if (total <= 0) return best;
  Detection out = best;
  out.box = {box.x0 / total, box.y0 / total, box.x1 / total, box.y1 / total};
  if (same_keypoints) {
    for (cv::Point2f& p : keypoints) p /= total;
    out.keypoints = std::move(keypoints);
  }
  return out;
}

}  // namespace

std::vector<Detection> weighted_nms(std::vector<Detection> detections, float iou_threshold) {
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  std::vector<bool> taken(detections.size(), false);
  std::vector<Detection> out;
  std::vector<const Detection*> group;
  for (std::size_t i = 0; i < detections.size(); ++i) {
    if (taken[i]) continue;
    group.assign(1, &detections[i]);
    for (std::size_t j = i + 1; j < detections.size(); ++j) {
      if (taken[j] || detections[j].label != detections[i].label) continue;
      if (iou(detections[i].box, detections[j].box) > iou_threshold) {
        taken[j] = true;
        group.push_back(&detections[j]);
      }
    }
    out.push_back(blend(group));
  }
  return out;
}

}  // namespace rill::vision
