#pragma once
// The IoU tracker's arguments, declared once for every door to the Track operator: the graph
// node (`Track` in TOML graphs) and the XStream method (`"method_type": "Track"`).

#include "rill/core/contract.hpp"
#include "rill/core/registry.hpp"
#include "rill/vision/tracker.hpp"

namespace rill::vision {

struct TrackerArgs {
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

  /// Just these three arguments, for configs that carry nothing else (an XStream method_config).
  static Contract contract() { return {kMinIou, kMaxMissed, kMinHits}; }
};

/// The TrackerOptions `config`'s TrackerArgs give.
TrackerOptions tracker_options(const NodeConfig& config);

}  // namespace rill::vision
