#pragma once
// Shaper (`inp` → `out`, `shots`): the best picture of every track, MegFlow's cat_finder idea as
// a node. Reads Track's `tracks` and `died`; keeps, per track, the sighting of best quality
// (Shaper::quality: score x box area) as a private copy of the box's pixels, so frames drawn on
// afterwards (Visualize) or recycled by the decoder do not change it; and sends one message on
// `shots` per finished track: when Track reports it died, and for every track still alive when
// the input ends. One Shaper per stream (the frame's stream id, else from_addr), like Track's
// trackers.
//
// A shot message: {"data": the crop (BGR Frame, owned; its stream id, frame index and pts are
// the sighting's), "tid", "bbox" (in the original frame's pixels), "score", "stream", "frame"
// (the sighting's frame index, else its partial_id), "extra_data" (when the sighting's message
// had one)}. It carries the Info of the message the sighting came from. A box wholly outside
// its frame gives "data": null.
//
// As a shared node, the shots of tracks still alive when one client's stream ends come only
// when the shared node's own input ends (after the main graph), when that client's outputs are
// closed: give each stream its own Shaper (inside the per-stream subgraph).

#include <cstdint>
#include <map>

#include "rill/core/node.hpp"
#include "rill/vision/shaper.hpp"

namespace rill::vision {

class ShaperNode final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp", "messages with a frame, `tracks` and `died` (Track's)"};
  static constexpr Output<Map> kOut{"out", "every envelope of inp, unchanged"};
  static constexpr Output<Map> kShots{
      "shots", "one message per finished track: its best crop, tid, bbox, score, stream, frame"};
  static Contract contract() { return {kIn, kOut, kShots}; }

  explicit ShaperNode(const NodeConfig& config) {}
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  /// What the shot's message needs beside the Shot: where the sighting came from.
  struct Source {
    Info info;
    Value extra_data;
    std::int64_t pts = -1;
    Frame::TimeBase time_base;
  };
  struct Stream {
    Shaper shaper{ShaperOptions{.copy = true}};
    std::map<std::int64_t, Source> sources;  // by track id, for the tracks with a shot
  };

  /// Offers the message's tracks to its stream's shaper and returns the shot messages of the
  /// tracks that died with it.
  std::vector<Envelope> update(const Envelope& e);
  /// The shot message of `shot`, taken from stream `stream`.
  static Envelope shot_message(std::int64_t stream, const Shot& shot, Source source);

  std::map<std::int64_t, Stream> streams_;
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
  OutputPort* shots_ = nullptr;
};

}  // namespace rill::vision
