#include "nodes/shaper_node.hpp"

#include <memory>
#include <stdexcept>

#include "rill/core/frame.hpp"
#include "rill/vision/messages.hpp"

namespace rill::vision {
namespace {

/// The ids in `died`; none when the message has no such list.
std::vector<std::int64_t> died_of(const Map& msg) {
  std::vector<std::int64_t> out;
  const Value* died = msg.find("died");
  if (died == nullptr) return out;
  if (!died->is_list()) throw std::invalid_argument("Shaper: `died` is not a list of track ids");
  for (const Value& id : died->as_list()) {
    if (!id.is_int()) throw std::invalid_argument("Shaper: `died` is not a list of track ids");
    out.push_back(id.as_int());
  }
  return out;
}

/// `crop` (a shot's own copy) as a Frame sharing its pixels: the Mat is kept by the buffer.
std::shared_ptr<Frame> frame_over(const cv::Mat& crop) {
  auto owner = std::make_shared<cv::Mat>(crop);
  Buffer buffer{owner->data, owner->step[0] * static_cast<std::size_t>(owner->rows), owner};
  return std::make_shared<Frame>(std::move(buffer), PixelFormat::kBGR24, owner->cols, owner->rows,
                                 owner->step[0]);
}

}  // namespace

void ShaperNode::init(Context& ctx) {
  in_ = &ctx[kIn];
  out_ = &ctx[kOut];
  shots_ = &ctx[kShots];
}

Envelope ShaperNode::shot_message(std::int64_t stream, const Shot& shot, Source source) {
  const cv::Mat crop = shot.crop();
  Value data;
  if (!crop.empty()) {
    std::shared_ptr<Frame> f = frame_over(crop);
    f->stream_id = stream;
    f->frame_index = shot.frame_index;
    f->pts = source.pts;
    f->time_base = source.time_base;
    data = Value(std::shared_ptr<const Frame>(std::move(f)));
  }
  std::int64_t frame = shot.frame_index;
  if (frame < 0) frame = static_cast<std::int64_t>(source.info.partial_id().value_or(-1));
  Map m;
  m.set("data", std::move(data));
  m.set("tid", Value(shot.track_id));
  m.set("bbox", box_value(shot.box));
  m.set("score", Value(static_cast<double>(shot.score)));
  m.set("stream", Value(stream));
  m.set("frame", Value(frame));
  if (!source.extra_data.is_null()) m.set("extra_data", std::move(source.extra_data));
  return Envelope(Value(std::move(m)), std::move(source.info));
}

std::vector<Envelope> ShaperNode::update(const Envelope& e) {
  if (!e.msg().is_map()) throw std::invalid_argument("Shaper: the message is not a map");
  const Map& msg = e.msg().as_map();
  std::optional<std::vector<Track>> tracks = tracks_of(msg, "Shaper");
  if (!tracks) {
    throw std::invalid_argument("Shaper: the message has no `tracks` list (put Track first)");
  }
  const std::int64_t stream = stream_of(e);
  Stream& s = streams_[stream];
  if (!tracks->empty()) {
    std::shared_ptr<const Frame> frame = frame_of(e.msg(), "Shaper");
    // Track's tracks are all matched in this frame unless they coast (missed > 0); tracks_of
    // leaves missed at 0, and a coasting track's box is its last match, which is still a fair
    // picture of it. Quality decides anyway.
    const std::vector<std::int64_t> kept = s.shaper.offer(*tracks, frame);
    for (std::int64_t id : kept) {
      Source& src = s.sources[id];
      src.info = e.info();
      const Value* extra = msg.find("extra_data");
      src.extra_data = extra != nullptr ? *extra : Value();
      src.pts = frame->pts;
      src.time_base = frame->time_base;
    }
  }
  std::vector<Envelope> out;
  for (const Shot& shot : s.shaper.take_finished(died_of(msg))) {
    auto it = s.sources.find(shot.track_id);
    out.push_back(shot_message(stream, shot, std::move(it->second)));
    s.sources.erase(it);
  }
  return out;
}

// NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): the graph owns ctx
Task<> ShaperNode::exec(Context& ctx) {
  while (std::optional<Envelope> e = co_await in_->recv()) {
    if (e->empty()) {  // MegFlow's "close this stream" envelope: nothing to look at
      co_await out_->send(std::move(*e));
      continue;
    }
    std::vector<Envelope> shots = update(*e);
    co_await out_->send(std::move(*e));
    for (Envelope& shot : shots) co_await shots_->send(std::move(shot));
  }
  if (!in_->ended()) co_return;  // a flush marker: the streams go on
  // The input ended with tracks alive: Track will not report their deaths, so they finish here.
  for (auto& [stream, s] : streams_) {
    for (const Shot& shot : s.shaper.take_all()) {
      auto it = s.sources.find(shot.track_id);
      co_await shots_->send(shot_message(stream, shot, std::move(it->second)));
      s.sources.erase(it);
    }
  }
  streams_.clear();
}

}  // namespace rill::vision
