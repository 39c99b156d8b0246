#pragma once
// The vision nodes' message vocabulary, MegFlow's keys: `items` (detections: bbox, score, label,
// keypoints) and `tracks` (tid, bbox, score), and the stream a message belongs to. One reader
// and one writer for each, shared by the vision nodes.

#include <memory>
#include <optional>
#include <vector>

#include "rill/core/envelope.hpp"
#include "rill/core/value.hpp"
#include "rill/vision/detection.hpp"
#include "rill/vision/tracker.hpp"

namespace rill::vision {

/// The frame a message carries: the message itself, or its "data". Throws
/// std::invalid_argument naming `node` when there is none.
std::shared_ptr<const Frame> frame_of(const Value& msg, const char* node);

/// The stream a message belongs to: its frame's stream id (the message itself or its "data"),
/// else the envelope's from_addr, else 0. Per-stream state (trackers, shapers, counts) is keyed
/// by it, so one node may serve many streams as a shared node.
std::int64_t stream_of(const Envelope& e);

/// A box as MegFlow writes it: [x0, y0, x1, y1].
Value box_value(const Box& b);

Value items_value(const std::vector<Detection>& detections);
/// The `items` of `msg` as detections. Throws std::invalid_argument naming `node` when `msg` has
/// no `items` list or an item has no 4-number `bbox`.
std::vector<Detection> items_of(const Map& msg, const char* node);

Value tracks_value(const std::vector<Track>& tracks);
/// The `tracks` of `msg` (id, box, score; the rest default), or std::nullopt when it has none.
/// Throws std::invalid_argument for a malformed track.
std::optional<std::vector<Track>> tracks_of(const Map& msg, const char* node);

}  // namespace rill::vision
