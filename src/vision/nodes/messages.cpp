#include "nodes/messages.hpp"

#include <stdexcept>
#include <string>

#include "rill/core/frame.hpp"

namespace rill::vision {
namespace {

float number(const Value& v) {
  return static_cast<float>(v.is_int() ? static_cast<double>(v.as_int()) : v.as_double());
}

Box box_of(const Value& entry, const char* node, const char* what) {
  const Value* bbox = entry.is_map() ? entry.as_map().find("bbox") : nullptr;
  if (bbox == nullptr || !bbox->is_list() || bbox->as_list().size() != 4) {
    throw std::invalid_argument(std::string(node) + ": " + what + " has no `bbox` of 4 numbers");
  }
  const List& b = bbox->as_list();
  for (const Value& v : b) {
    if (!v.is_number()) {
      throw std::invalid_argument(std::string(node) + ": " + what + "'s `bbox` is not 4 numbers");
    }
  }
  return Box{number(b[0]), number(b[1]), number(b[2]), number(b[3])};
}

float score_of(const Map& m) {
  const Value* s = m.find("score");
  return s != nullptr && s->is_number() ? number(*s) : 1.0f;
}

}  // namespace

std::int64_t stream_of(const Envelope& e) {
  const Value& msg = e.msg();
  const Value* data = msg.is_map() ? msg.as_map().find("data") : &msg;
  if (data != nullptr && data->is_frame() && data->as_frame() && data->as_frame()->stream_id >= 0) {
    return data->as_frame()->stream_id;
  }
  return static_cast<std::int64_t>(e.info().from_addr().value_or(0));
}

Value box_value(const Box& b) {
  return Value(List{Value(static_cast<double>(b.x0)), Value(static_cast<double>(b.y0)),
                    Value(static_cast<double>(b.x1)), Value(static_cast<double>(b.y1))});
}

std::shared_ptr<const Frame> frame_of(const Value& msg, const char* node) {
  if (msg.is_frame()) return msg.as_frame();
  if (msg.is_map()) {
    const Value* data = msg.as_map().find("data");
    if (data != nullptr && data->is_frame()) return data->as_frame();
  }
  throw std::invalid_argument(std::string(node) +
                              ": the message is neither a frame nor a map with a frame under "
                              "\"data\"");
}

Value items_value(const std::vector<Detection>& detections) {
  List items;
  items.reserve(detections.size());
  for (const Detection& d : detections) {
    Map item;
    item.set("bbox", box_value(d.box));
    item.set("score", Value(static_cast<double>(d.score)));
    item.set("label", Value(static_cast<std::int64_t>(d.label)));
    List points;
    points.reserve(d.keypoints.size());
    for (const cv::Point2f& p : d.keypoints) {
      points.push_back(
          Value(List{Value(static_cast<double>(p.x)), Value(static_cast<double>(p.y))}));
    }
    item.set("keypoints", Value(std::move(points)));
    items.push_back(Value(std::move(item)));
  }
  return Value(std::move(items));
}

std::vector<Detection> items_of(const Map& msg, const char* node) {
  const Value* items = msg.find("items");
  if (items == nullptr || !items->is_list()) {
    throw std::invalid_argument(std::string(node) +
                                ": the message has no `items` list (put FaceDetect first)");
  }
  std::vector<Detection> out;
  out.reserve(items->as_list().size());
  for (const Value& item : items->as_list()) {
    Detection d;
    d.box = box_of(item, node, "an item");
    d.score = score_of(item.as_map());
    const Value* label = item.as_map().find("label");
    d.label = label != nullptr && label->is_int() ? static_cast<int>(label->as_int()) : 0;
    out.push_back(d);
  }
  return out;
}

Value tracks_value(const std::vector<Track>& tracks) {
  List out;
  out.reserve(tracks.size());
  for (const Track& t : tracks) {
    Map m;
    m.set("tid", Value(t.id));
    m.set("bbox", box_value(t.box));
    m.set("score", Value(static_cast<double>(t.score)));
    out.push_back(Value(std::move(m)));
  }
  return Value(std::move(out));
}

std::optional<std::vector<Track>> tracks_of(const Map& msg, const char* node) {
  const Value* tracks = msg.find("tracks");
  if (tracks == nullptr) return std::nullopt;
  if (!tracks->is_list())
    throw std::invalid_argument(std::string(node) + ": `tracks` is not a list");
  std::vector<Track> out;
  for (const Value& v : tracks->as_list()) {
    Track t;
    t.box = box_of(v, node, "a track");
    t.score = score_of(v.as_map());
    const Value* tid = v.as_map().find("tid");
    t.id = tid != nullptr && tid->is_int() ? tid->as_int() : 0;
    out.push_back(t);
  }
  return out;
}

}  // namespace rill::vision
