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

namespace rill::vision {

class TrackNode final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp", "messages with `items` (FaceDetect's)"};
  static constexpr Output<Map> kOut{"out", "the message with `tracks`, `born` and `died`"};
  static constexpr FloatArg kMinIou{.name = "min_iou",
                                    .def = 0.3,
                                    .min = 0.01,
                                    .max = 1,
                                    .doc = "least overlap for a face to stay its track"};
  static constexpr IntArg kMaxMissed{.name = "max_missed",
                                     .def = 5,
                                     .min = 0,
                                     .max = 100'000,
                                     .doc = "frames a track may go unseen before it dies"};
  static constexpr IntArg kMinHits{.name = "min_hits",
                                   .def = 1,
                                   .min = 1,
                                   .max = 100'000,
                                   .doc = "frames in a row before a new track gets an id"};
  static Contract contract() { return {kIn, kOut, kMinIou, kMaxMissed, kMinHits}; }

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
