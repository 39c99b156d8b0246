#include "nodes/track_node.hpp"

#include <stdexcept>

#include "nodes/messages.hpp"
#include "rill/core/frame.hpp"

namespace rill::vision {
namespace {

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
  std::vector<Detection> faces = items_of(e->msg().as_map(), "Track");
  auto it = trackers_.try_emplace(stream_of(*e), options_).first;
  TrackUpdate u = it->second.update(faces);
  Map msg = e->msg().as_map();
  msg.set("tracks", tracks_value(u.tracks));
  msg.set("born", ids(u.born));
  msg.set("died", ids(u.died));
  co_await out_->send(e->repack(Value(std::move(msg))));
}

}  // namespace rill::vision
