#pragma once
// IouTracker: gives the detections of one stream identities over time, by matching each frame's
// detections to the live tracks by box overlap. No motion model: at video frame rates a face
// moves little between frames, and overlap alone keeps its identity.

#include <cstdint>
#include <span>
#include <vector>

#include "rill/vision/detection.hpp"

namespace rill::vision {

struct TrackerOptions {
  float min_iou = 0.3f;  ///< a detection overlapping a track less than this is not that track
  int max_missed = 5;    ///< frames in a row a track may go unmatched; the next miss ends it
  int min_hits = 1;      ///< consecutive matches before a new track is confirmed (gets an id)
};

struct Track {
  std::int64_t id = 0;  ///< from 1, increasing, never reused within one tracker
  Box box;              ///< the last matched detection's box
  float score = 0;      ///< and its score
  int label = 0;        ///< and its label (tracks only match detections of their own label)
  int hits = 0;         ///< frames matched in total
  int missed = 0;       ///< frames in a row unmatched (0: matched in the latest update)
  int age = 0;          ///< updates since the track was first seen (1 on its first frame)
};

/// The tracker's answer to one frame.
struct TrackUpdate {
  std::vector<Track> tracks;       ///< confirmed tracks alive after the frame, by id
  std::vector<std::int64_t> born;  ///< ids confirmed by this frame
  std::vector<std::int64_t> died;  ///< ids ended by this frame (not in `tracks` any more)
};

/// One stream's tracks. Each update matches greedily, highest IoU first: the pair of a live
/// track and a detection (same label, IoU >= min_iou) that overlap most are matched, then the
/// next best pair among the rest, and so on. A detection left over starts a tentative track,
/// confirmed (given the next id and reported born) once matched in min_hits consecutive frames;
/// a tentative track that misses a frame is dropped silently. A confirmed track unmatched for
/// more than max_missed frames in a row dies.
/// Thread safety: one thread at a time (a tracker belongs to one stream).
class IouTracker {
 public:
  /// Throws std::invalid_argument for min_hits < 1, max_missed < 0 or min_iou outside (0, 1].
  explicit IouTracker(TrackerOptions options = {});

  TrackUpdate update(std::span<const Detection> detections);

  /// Confirmed live tracks, by id.
  [[nodiscard]] std::vector<Track> tracks() const;
  [[nodiscard]] const TrackerOptions& options() const { return options_; }

 private:
  TrackerOptions options_;
  std::vector<Track> live_;  // confirmed and tentative (id 0), in order of first sighting
  std::int64_t next_id_ = 1;
};

}  // namespace rill::vision
