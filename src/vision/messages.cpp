#include "rill/vision/messages.hpp"

#include <stdexcept>
#include <string>

#include "rill/core/frame.hpp"

namespace rill::vision {
namespace {

[[noreturn]] void fail(const char* who, const std::string& what) {
  throw std::invalid_argument(std::string(who) + ": " + what);
}

float number(const Value& v) {
  return static_cast<float>(v.is_int() ? static_cast<double>(v.as_int()) : v.as_double());
}

/// `entry` as a map, or a clear error: entries of `items` and `tracks` are maps.
const Map& entry_map(const Value& entry, const char* who, const char* what) {
  if (!entry.is_map()) fail(who, std::string(what) + " is not a map");
  return entry.as_map();
}

Box box_of(const Map& entry, const char* who, const char* what) {
  const Value* bbox = entry.find("bbox");
  if (bbox == nullptr || !bbox->is_list() || bbox->as_list().size() != 4) {
    fail(who, std::string(what) + " has no `bbox` of 4 numbers");
  }
  const List& b = bbox->as_list();
  for (const Value& v : b) {
    if (!v.is_number()) fail(who, std::string(what) + "'s `bbox` is not 4 numbers");
  }
  return Box{number(b[0]), number(b[1]), number(b[2]), number(b[3])};
}

float score_of(const Map& m) {
  const Value* s = m.find("score");
  return s != nullptr && s->is_number() ? number(*s) : 1.0f;
}

std::vector<cv::Point2f> keypoints_of(const Map& item, const char* who) {
  const Value* kp = item.find("keypoints");
  if (kp == nullptr || kp->is_null()) return {};
  const char* const bad = "an item's `keypoints` is not a list of [x, y] pairs";
  if (!kp->is_list()) fail(who, bad);
  std::vector<cv::Point2f> out;
  out.reserve(kp->as_list().size());
  for (const Value& p : kp->as_list()) {
    if (!p.is_list() || p.as_list().size() != 2 || !p.as_list()[0].is_number() ||
        !p.as_list()[1].is_number()) {
      fail(who, bad);
    }
    out.emplace_back(number(p.as_list()[0]), number(p.as_list()[1]));
  }
  return out;
}

Value ids_value(const std::vector<std::int64_t>& ids) {
  List out;
  out.reserve(ids.size());
  for (std::int64_t id : ids) out.push_back(Value(id));
  return Value(std::move(out));
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

std::shared_ptr<const Frame> frame_of(const Value& msg, const char* who) {
  if (msg.is_frame()) return msg.as_frame();
  if (msg.is_map()) {
    const Value* data = msg.as_map().find("data");
    if (data != nullptr && data->is_frame()) return data->as_frame();
  }
  fail(who, "the message is neither a frame nor a map with a frame under \"data\"");
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

std::vector<Detection> detections_of(const Value& items, const char* who) {
  if (!items.is_list()) fail(who, "`items` is not a list");
  std::vector<Detection> out;
  out.reserve(items.as_list().size());
  for (const Value& entry : items.as_list()) {
    const Map& item = entry_map(entry, who, "an item");
    Detection d;
    d.box = box_of(item, who, "an item");
    d.score = score_of(item);
    const Value* label = item.find("label");
    d.label = label != nullptr && label->is_int() ? static_cast<int>(label->as_int()) : 0;
    d.keypoints = keypoints_of(item, who);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Detection> items_of(const Map& msg, const char* who) {
  const Value* items = msg.find("items");
  if (items == nullptr || !items->is_list()) {
    fail(who, "the message has no `items` list (put FaceDetect first)");
  }
  return detections_of(*items, who);
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

std::vector<Track> tracks_from(const Value& tracks, const char* who) {
  if (!tracks.is_list()) fail(who, "`tracks` is not a list");
  std::vector<Track> out;
  out.reserve(tracks.as_list().size());
  for (const Value& entry : tracks.as_list()) {
    const Map& m = entry_map(entry, who, "a track");
    Track t;
    t.box = box_of(m, who, "a track");
    t.score = score_of(m);
    const Value* tid = m.find("tid");
    t.id = tid != nullptr && tid->is_int() ? tid->as_int() : 0;
    out.push_back(t);
  }
  return out;
}

std::optional<std::vector<Track>> tracks_of(const Map& msg, const char* who) {
  const Value* tracks = msg.find("tracks");
  if (tracks == nullptr) return std::nullopt;
  return tracks_from(*tracks, who);
}

void set_track_update(Map& msg, const TrackUpdate& update) {
  msg.set("tracks", tracks_value(update.tracks));
  msg.set("born", ids_value(update.born));
  msg.set("died", ids_value(update.died));
}

void draw_message(cv::Mat& bgr, const Map& msg, const DrawStyle& style, const char* who) {
  if (std::optional<std::vector<Track>> tracks = tracks_of(msg, who)) {
    draw(bgr, *tracks, style);
  } else if (msg.find("items") != nullptr) {
    draw(bgr, items_of(msg, who), style);
  }
}

}  // namespace rill::vision
