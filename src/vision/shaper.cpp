#include "rill/vision/shaper.hpp"

#include <algorithm>
#include <stdexcept>

#include "rill/vision/frame_mat.hpp"

namespace rill::vision {

cv::Mat Shot::crop() const {
  const cv::Rect inside = (box.rect() - origin) & cv::Rect(0, 0, image.cols, image.rows);
  return inside.empty() ? cv::Mat() : image(inside);
}

bool Shaper::keep(const Track& t, const cv::Mat& bgr, std::int64_t frame_index,
                  const std::shared_ptr<const Frame>& frame) {
  const float q = quality(t);
  auto it = shots_.find(t.id);
  if (it != shots_.end() && it->second.quality >= q) return false;
  Shot& s = shots_[t.id];
  s.track_id = t.id;
  s.box = t.box;
  s.score = t.score;
  s.quality = q;
  s.frame_index = frame_index;
  if (options_.copy) {
    const cv::Rect inside = t.box.rect() & cv::Rect(0, 0, bgr.cols, bgr.rows);
    s.image = inside.empty() ? cv::Mat() : bgr(inside).clone();
    s.origin = inside.empty() ? cv::Point() : inside.tl();
    s.frame = nullptr;  // the copy owns its pixels: do not hold the frame
  } else {
    s.image = bgr;
    s.origin = cv::Point();
    s.frame = frame;
  }
  return true;
}

std::vector<std::int64_t> Shaper::offer(std::span<const Track> tracks, const cv::Mat& bgr,
                                        std::int64_t frame_index) {
  if (bgr.empty() || bgr.type() != CV_8UC3) {
    throw std::invalid_argument("shaper: offer takes an 8-bit BGR image (CV_8UC3)");
  }
  std::vector<std::int64_t> kept;
  for (const Track& t : tracks) {
    if (t.missed == 0 && keep(t, bgr, frame_index, nullptr)) kept.push_back(t.id);
  }
  return kept;
}

std::vector<std::int64_t> Shaper::offer(std::span<const Track> tracks,
                                        const std::shared_ptr<const Frame>& frame) {
  if (!frame) throw std::invalid_argument("shaper: offer without a frame");
  const bool any =
      std::any_of(tracks.begin(), tracks.end(), [](const Track& t) { return t.missed == 0; });
  if (!any) return {};  // nothing to keep: do not ask for a BGR conversion
  std::shared_ptr<const Frame> bgr = as_bgr(frame);
  const cv::Mat image = bgr_mat(*bgr);
  std::vector<std::int64_t> kept;
  for (const Track& t : tracks) {
    if (t.missed == 0 && keep(t, image, frame->frame_index, bgr)) kept.push_back(t.id);
  }
  return kept;
}

const Shot* Shaper::find(std::int64_t id) const {
  auto it = shots_.find(id);
  return it == shots_.end() ? nullptr : &it->second;
}

std::vector<Shot> Shaper::take_finished(std::span<const std::int64_t> died) {
  std::vector<Shot> out;
  for (std::int64_t id : died) {
    auto it = shots_.find(id);
    if (it == shots_.end()) continue;
    out.push_back(std::move(it->second));
    shots_.erase(it);
  }
  return out;
}

std::vector<Shot> Shaper::take_all() {
  std::vector<Shot> out;
  out.reserve(shots_.size());
  for (auto& [id, shot] : shots_) out.push_back(std::move(shot));
  shots_.clear();
  std::sort(out.begin(), out.end(),
            [](const Shot& a, const Shot& b) { return a.track_id < b.track_id; });
  return out;
}

}  // namespace rill::vision
