#include "rill/vision/tracker.hpp"

#include <algorithm>
#include <stdexcept>

namespace rill::vision {

IouTracker::IouTracker(TrackerOptions options) : options_(options) {
  if (options_.min_hits < 1) throw std::invalid_argument("tracker: min_hits must be at least 1");
  if (options_.max_missed < 0) throw std::invalid_argument("tracker: max_missed must be >= 0");
  if (!(options_.min_iou > 0 && options_.min_iou <= 1)) {
    throw std::invalid_argument("tracker: min_iou must be in (0, 1]");
  }
}

TrackUpdate IouTracker::update(std::span<const Detection> detections) {
  struct Pair {
    float iou;
    std::size_t track;
    std::size_t detection;
  };
  std::vector<Pair> pairs;
  for (std::size_t t = 0; t < live_.size(); ++t) {
    for (std::size_t d = 0; d < detections.size(); ++d) {
      if (detections[d].label != live_[t].label) continue;
      const float v = iou(live_[t].box, detections[d].box);
      if (v >= options_.min_iou) pairs.push_back({v, t, d});
    }
  }
  // Stable: equal overlaps resolve by track age, then detection order, the same every run.
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const Pair& a, const Pair& b) { return a.iou > b.iou; });
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> match(live_.size(), kNone);
  std::vector<bool> used(detections.size(), false);
  for (const Pair& p : pairs) {
    if (match[p.track] != kNone || used[p.detection]) continue;
    match[p.track] = p.detection;
    used[p.detection] = true;
  }

  TrackUpdate up;
  std::vector<Track> next;
  next.reserve(live_.size() + detections.size());
  for (std::size_t t = 0; t < live_.size(); ++t) {
    Track track = live_[t];
    ++track.age;
    if (match[t] != kNone) {
      const Detection& d = detections[match[t]];
      track.box = d.box;
      track.score = d.score;
      ++track.hits;
      track.missed = 0;
      if (track.id == 0 && track.hits >= options_.min_hits) {
        track.id = next_id_++;
        up.born.push_back(track.id);
      }
      next.push_back(track);
    } else if (track.id != 0) {
      if (++track.missed > options_.max_missed) {
        up.died.push_back(track.id);
      } else {
        next.push_back(track);
      }
    }  // a tentative track must match every frame until confirmed: dropped
  }
  for (std::size_t d = 0; d < detections.size(); ++d) {
    if (used[d]) continue;
    Track track;
    track.box = detections[d].box;
    track.score = detections[d].score;
    track.label = detections[d].label;
    track.hits = 1;
    track.age = 1;
    if (options_.min_hits <= 1) {
      track.id = next_id_++;
      up.born.push_back(track.id);
    }
    next.push_back(track);
  }
  live_ = std::move(next);
  up.tracks = tracks();
  return up;
}

std::vector<Track> IouTracker::tracks() const {
  std::vector<Track> out;
  for (const Track& t : live_) {
    if (t.id != 0) out.push_back(t);
  }
  std::sort(out.begin(), out.end(), [](const Track& a, const Track& b) { return a.id < b.id; });
  return out;
}

}  // namespace rill::vision
