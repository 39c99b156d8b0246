#pragma once
// The vision operators' message vocabulary, MegFlow's keys: `items` (detections: bbox, score,
// label, keypoints) and `tracks` (tid, bbox, score, with the `born` and `died` ids of an update),
// as rill Values. One reader and one writer for each, shared by every door to the operators: the
// FaceDetect, Track and Visualize nodes and Python's rill.vision, so that a Python node and a
// TOML graph produce and accept the very same messages.

#include <memory>
#include <optional>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "rill/core/envelope.hpp"
#include "rill/core/value.hpp"
#include "rill/vision/detection.hpp"
#include "rill/vision/tracker.hpp"
#include "rill/vision/visualize.hpp"

namespace rill::vision {

/// The stream a message belongs to: its frame's stream id (the message itself or its "data"),
/// else the envelope's from_addr, else 0. Per-stream state (trackers, shapers, counts) is keyed
/// by it, so one node may serve many streams as a shared node.
std::int64_t stream_of(const Envelope& e);

/// A box as MegFlow writes it: [x0, y0, x1, y1].
Value box_value(const Box& b);

/// The frame a message carries: the message itself, or its "data". Throws
/// std::invalid_argument naming `who` when there is none.
std::shared_ptr<const Frame> frame_of(const Value& msg, const char* who);

/// Detections as an `items` list: {"bbox": [x0, y0, x1, y1], "score": s, "label": l,
/// "keypoints": [[x, y], ...]}, numbers as doubles.
Value items_value(const std::vector<Detection>& detections);
/// An `items` list as detections: `bbox` required (4 numbers), `score` (default 1), `label`
/// (default 0) and `keypoints` (default none) optional. Throws std::invalid_argument naming
/// `who` when `items` is not a list, an item is not a map, has no 4-number `bbox`, or has
/// `keypoints` that are not [x, y] pairs.
std::vector<Detection> detections_of(const Value& items, const char* who);
/// The `items` of `msg` as detections (detections_of). Throws std::invalid_argument naming
/// `who` when `msg` has no `items` list.
std::vector<Detection> items_of(const Map& msg, const char* who);

/// Tracks as a `tracks` list: {"tid": id, "bbox": [x0, y0, x1, y1], "score": s}.
Value tracks_value(const std::vector<Track>& tracks);
/// A `tracks` list as tracks (id, box, score; the rest default). Throws std::invalid_argument
/// naming `who` for a value that is not a list, or a track without a 4-number `bbox`.
std::vector<Track> tracks_from(const Value& tracks, const char* who);
/// The `tracks` of `msg`, or std::nullopt when it has none (tracks_from otherwise).
std::optional<std::vector<Track>> tracks_of(const Map& msg, const char* who);

/// Sets what a tracker update adds to a message: `tracks`, `born` and `died` (lists of ids).
void set_track_update(Map& msg, const TrackUpdate& update);

/// Draws what `msg` holds onto `bgr` (CV_8UC3) in place, as Visualize does: its `tracks` when it
/// has them, else its `items`, else nothing. Throws std::invalid_argument naming `who` for
/// malformed tracks or items.
void draw_message(cv::Mat& bgr, const Map& msg, const DrawStyle& style, const char* who);

}  // namespace rill::vision
