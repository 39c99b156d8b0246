#include "nodes/track_node.hpp"

#include <stdexcept>

#include "rill/core/frame.hpp"

namespace rill::vision {
namespace {

float number(const Value& v) {
  return static_cast<float>(v.is_int() ? static_cast<double>(v.as_int()) : v.as_double());
}

/// FaceDetect's `items` back into detections. Throws std::invalid_argument naming what is wrong.
std::vector<Detection> detections_of(const Map& msg) {
  const Value* items = msg.find("items");
  if (items == nullptr || !items->is_list()) {
    throw std::invalid_argument("Track: the message has no `items` list (put FaceDetect first)");
  }
  std::vector<Detection> out;
  for (const Value& item : items->as_list()) {
    const Value* bbox = item.is_map() ? item.as_map().find("bbox") : nullptr;
    if (bbox == nullptr || !bbox->is_list() || bbox->as_list().size() != 4) {
      throw std::invalid_argument("Track: an item has no `bbox` of 4 numbers");
    }
    const List& b = bbox->as_list();
    Detection d;
    d.box = Box{number(b[0]), number(b[1]), number(b[2]), number(b[3])};
    const Value* score = item.as_map().find("score");
    d.score = score != nullptr && (score->is_double() || score->is_int()) ? number(*score) : 1.0f;
    const Value* label = item.as_map().find("label");
    d.label = label != nullptr && label->is_int() ? static_cast<int>(label->as_int()) : 0;
    out.push_back(d);
  }
  return out;
}

std::int64_t stream_of(const Envelope& e) {
  const Value* data = e.msg().as_map().find("data");
  if (data != nullptr && data->is_frame() && data->as_frame()->stream_id >= 0) {
    return data->as_frame()->stream_id;
  }
  return static_cast<std::int64_t>(e.info().from_addr().value_or(0));
}

Value ids(const std::vector<std::int64_t>& v) {
  List out;
  out.reserve(v.size());
  for (std::int64_t id : v) out.push_back(Value(id));
  return Value(std::move(out));
}

}  // namespace

TrackNode::TrackNode(const NodeConfig& config) {
  options_.min_iou = static_cast<float>(config.arg(kMinIou));
  options_.max_missed = static_cast<int>(config.arg(kMaxMissed));
  options_.min_hits = static_cast<int>(config.arg(kMinHits));
}

void TrackNode::init(Context& ctx) {
  in_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> TrackNode::exec(Context& ctx) {
  std::optional<Envelope> e = co_await in_->recv();
  if (!e) co_return;
  if (!e->msg().is_map()) throw std::invalid_argument("Track: the message is not a map");
  std::vector<Detection> faces = detections_of(e->msg().as_map());
  auto it = trackers_.try_emplace(stream_of(*e), options_).first;
  TrackUpdate u = it->second.update(faces);
  List tracks;
  tracks.reserve(u.tracks.size());
  for (const Track& t : u.tracks) {
    Map m;
    m.set("tid", Value(t.id));
    m.set("bbox",
          Value(List{Value(static_cast<double>(t.box.x0)), Value(static_cast<double>(t.box.y0)),
                     Value(static_cast<double>(t.box.x1)), Value(static_cast<double>(t.box.y1))}));
    m.set("score", Value(static_cast<double>(t.score)));
    tracks.push_back(Value(std::move(m)));
  }
  Map msg = e->msg().as_map();
  msg.set("tracks", Value(std::move(tracks)));
  msg.set("born", ids(u.born));
  msg.set("died", ids(u.died));
  co_await out_->send(e->repack(Value(std::move(msg))));
}

}  // namespace rill::vision
