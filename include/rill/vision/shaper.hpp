#pragma once
// Shaper: the best picture of each track, kept while the track lives and handed out when it
// dies, so a pipeline reports each face (or cat) once, with its best shot, instead of on every
// frame.

#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "rill/core/frame.hpp"
#include "rill/vision/tracker.hpp"

namespace rill::vision {

/// The best sighting of one track.
struct Shot {
  std::int64_t track_id = 0;
  Box box;  ///< in the offered frame's pixels
  float score = 0;
  float quality = 0;              ///< Shaper::quality of the sighting
  std::int64_t frame_index = -1;  ///< as offered (a Frame's own index; -1 when unknown)
  /// BGR. By default the whole offered frame, shared with the caller (not copied); with
  /// ShaperOptions::copy a private copy of the box's region only.
  cv::Mat image;
  /// Where `image`'s top-left pixel lies in the offered frame ({0, 0} unless copied).
  cv::Point origin;
  std::shared_ptr<const Frame> frame;  ///< set when offered a Frame (not copied); keeps `image`

  /// The box's pixels: a view into `image`, clipped to it (empty when the box lies outside).
  [[nodiscard]] cv::Mat crop() const;
};

struct ShaperOptions {
  /// Keep a copy of each new best shot's box region instead of a reference to the whole frame.
  /// Costs one small copy per improvement, and lifts the rule that an offered image must not
  /// change afterwards: a graph draws on its frames (Visualize) and recycles decoder buffers
  /// while tracks are still alive.
  bool copy = false;
};

/// Keeps, per track, the sighting of best quality. By default images are kept by reference (a
/// cv::Mat shares its pixels; a Frame's shared_ptr keeps them), so keeping a shot costs no copy,
/// but whoever offers an image must not draw on it afterwards: draw on a copy, or construct the
/// shaper with ShaperOptions::copy.
/// Thread safety: one thread at a time (a shaper belongs to one stream, like its tracker).
class Shaper {
 public:
  Shaper() = default;
  explicit Shaper(ShaperOptions options) : options_(options) {}

  /// score x box area in pixels: a confident detection of a large (near, sharp) face beats a
  /// confident one of a small face, and a large but doubtful one.
  static float quality(const Track& t) { return t.score * t.box.area(); }

  /// The frame the tracker was just updated with, and the tracks it returned: every track
  /// matched in this frame (missed == 0) whose quality beats its kept shot's becomes its shot.
  /// Returns the ids of those tracks, in `tracks`' order.
  std::vector<std::int64_t> offer(std::span<const Track> tracks, const cv::Mat& bgr,
                                  std::int64_t frame_index = -1);
  /// The same for a frame in any pixel format (converted to BGR once, cached in the frame).
  std::vector<std::int64_t> offer(std::span<const Track> tracks,
                                  const std::shared_ptr<const Frame>& frame);

  /// Removes and returns the shots of the tracks in `died` (a TrackUpdate's), in that order;
  /// ids without a shot are skipped.
  std::vector<Shot> take_finished(std::span<const std::int64_t> died);
  /// Removes and returns every shot, by track id (the stream ended with tracks still alive).
  std::vector<Shot> take_all();

  /// Tracks with a shot.
  [[nodiscard]] std::size_t size() const { return shots_.size(); }
  /// The shot kept for track `id`, or nullptr. Valid until the next call that changes shots.
  [[nodiscard]] const Shot* find(std::int64_t id) const;

 private:
  /// True when `t` became its track's shot.
  bool keep(const Track& t, const cv::Mat& bgr, std::int64_t frame_index,
            const std::shared_ptr<const Frame>& frame);

  ShaperOptions options_;
  std::unordered_map<std::int64_t, Shot> shots_;
};

}  // namespace rill::vision
