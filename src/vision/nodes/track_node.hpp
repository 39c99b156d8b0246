#pragma once
// Track (`inp` → `out`): IouTracker as a graph node. Reads the faces FaceDetect added (`items`),
// and adds MegFlow's `tracks` (a list of {"tid": id, "bbox": [x0, y0, x1, y1], "score": s}) plus
// `born` and `died` (the ids that began or ended with this frame). One tracker per stream, keyed
// by the frame's stream id (else the message's from_addr), so one Track may also serve several
// streams as a shared node. Tracks still alive when the input ends get no `died`: there is no
// later message to carry it.

#include <cstdint>
#include <map>

#include "rill/core/node.hpp"
#include "rill/vision/tracker.hpp"
#include "rill/vision/tracker_args.hpp"

namespace rill::vision {

class TrackNode final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp", "messages with `items` (FaceDetect's)"};
  static constexpr Output<Map> kOut{"out", "the message with `tracks`, `born` and `died`"};
  static Contract contract() {
    return {kIn, kOut, TrackerArgs::kMinIou, TrackerArgs::kMaxMissed, TrackerArgs::kMinHits};
  }

  explicit TrackNode(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  TrackerOptions options_;
  std::map<std::int64_t, IouTracker> trackers_;  // by stream
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::vision
