// JSON text for messages (json_record.hpp). Strings go through json_escape, the one JSON string
// writer of rill, so every JSON rill writes escapes alike.

#include "json_record.hpp"

#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "rill/core/frame.hpp"
#include "rill/core/json_escape.hpp"
#include "rill/core/limits.hpp"

namespace rill::nodes {
namespace {

void append_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
  } else if (d == std::floor(d) && std::fabs(d) < 1e15) {
    // Keeps the ".0" so a reader sees a float where the message had one.
    fmt::format_to(std::back_inserter(out), "{:.1f}", d);
  } else {
    fmt::format_to(std::back_inserter(out), "{}", d);  // shortest form that reads back exactly
  }
}

void append_frame(std::string& out, const Frame& f) {
  fmt::format_to(std::back_inserter(out), R"({{"width": {}, "height": {}, "format": )", f.width(),
                 f.height());
  append_json_string(out, to_string(f.format()));
  out += '}';
}

void append_tensor(std::string& out, const Tensor& t) {
  out += R"({"dtype": )";
  append_json_string(out, to_string(t.dtype()));
  fmt::format_to(std::back_inserter(out), R"(, "shape": [{}]}})", fmt::join(t.shape(), ", "));
}

void append_value(std::string& out, const Value& v, int depth) {
  if (depth > limits::kMaxJsonNesting) {
    out += "null";
    return;
  }
  switch (v.kind()) {
    case ValueKind::kNull:
      out += "null";
      break;
    case ValueKind::kBool:
      out += v.as_bool() ? "true" : "false";
      break;
    case ValueKind::kInt:
      fmt::format_to(std::back_inserter(out), "{}", v.as_int());
      break;
    case ValueKind::kDouble:
      append_double(out, v.as_double());
      break;
    case ValueKind::kString:
      append_json_string(out, v.as_string());
      break;
    case ValueKind::kBytes:
      fmt::format_to(std::back_inserter(out), R"({{"bytes": {}}})", v.as_bytes().size());
      break;
    case ValueKind::kList: {
      out += '[';
      const char* sep = "";
      for (const Value& e : v.as_list()) {
        out += sep;
        sep = ", ";
        append_value(out, e, depth + 1);
      }
      out += ']';
      break;
    }
    case ValueKind::kMap: {
      out += '{';
      const char* sep = "";
      for (const auto& [k, e] : v.as_map()) {
        out += sep;
        sep = ", ";
        append_json_string(out, k);
        out += ": ";
        append_value(out, e, depth + 1);
      }
      out += '}';
      break;
    }
    case ValueKind::kFrame:
      if (v.as_frame()) {
        append_frame(out, *v.as_frame());
      } else {
        out += "null";
      }
      break;
    case ValueKind::kTensor:
      if (v.as_tensor()) {
        append_tensor(out, *v.as_tensor());
      } else {
        out += "null";
      }
      break;
    case ValueKind::kObject: {
      out += R"({"object": )";
      append_json_string(out, v.as_object() ? v.as_object()->type_name() : "null");
      out += '}';
      break;
    }
  }
}

/// The frame a message carries: the message itself or its "data"; null when none.
const Frame* frame_in(const Value& msg) {
  const Value* f = msg.is_map() ? msg.as_map().find("data") : &msg;
  return f != nullptr && f->is_frame() ? f->as_frame().get() : nullptr;
}

/// Appends `"key": ` (after a separator when the object already has members).
void append_key(std::string& out, std::string_view key) {
  if (out.size() > 1) out += ", ";
  append_json_string(out, key);
  out += ": ";
}

}  // namespace

void append_json_value(std::string& out, const Value& v) { append_value(out, v, 0); }

std::string json_line(const Envelope& e) {
  const Value& msg = e.msg();
  const Map* map = msg.is_map() ? &msg.as_map() : nullptr;
  const Frame* frame = frame_in(msg);
  // The message's own keys win: a key is never written twice.
  auto free_key = [map](std::string_view k) { return map == nullptr || !map->contains(k); };

  std::optional<std::int64_t> stream;
  if (frame != nullptr && frame->stream_id >= 0) {
    stream = frame->stream_id;
  } else if (auto from = e.info().from_addr()) {
    stream = static_cast<std::int64_t>(*from);
  }
  std::optional<std::int64_t> index;
  if (frame != nullptr && frame->frame_index >= 0) {
    index = frame->frame_index;
  } else if (auto partial = e.info().partial_id()) {
    index = static_cast<std::int64_t>(*partial);
  }
  const double seconds = frame != nullptr ? frame->seconds() : -1;

  std::string out = "{";
  if (stream && free_key("stream")) {
    append_key(out, "stream");
    fmt::format_to(std::back_inserter(out), "{}", *stream);
  }
  if (index && free_key("frame")) {
    append_key(out, "frame");
    fmt::format_to(std::back_inserter(out), "{}", *index);
  }
  if (seconds >= 0 && free_key("pts")) {
    append_key(out, "pts");
    append_double(out, seconds);
  }
  if (map != nullptr) {
    for (const auto& [k, v] : *map) {
      append_key(out, k);
      append_value(out, v, 1);
    }
  } else {
    append_key(out, "value");
    append_value(out, msg, 1);
  }
  out += "}\n";
  return out;
}

}  // namespace rill::nodes
