#include "nodes/track_node.hpp"

#include <stdexcept>

#include "rill/core/frame.hpp"
#include "rill/vision/messages.hpp"

namespace rill::vision {

TrackNode::TrackNode(const NodeConfig& config) : options_(tracker_options(config)) {}

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
  set_track_update(msg, u);
  co_await out_->send(e->repack(Value(std::move(msg))));
}

}  // namespace rill::vision
