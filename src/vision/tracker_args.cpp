#include "rill/vision/tracker_args.hpp"

namespace rill::vision {

TrackerOptions tracker_options(const NodeConfig& config) {
  TrackerOptions o;
  o.min_iou = static_cast<float>(config.arg(TrackerArgs::kMinIou));
  o.max_missed = static_cast<int>(config.arg(TrackerArgs::kMaxMissed));
  o.min_hits = static_cast<int>(config.arg(TrackerArgs::kMinHits));
  return o;
}

}  // namespace rill::vision
