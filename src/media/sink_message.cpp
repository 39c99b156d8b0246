#include "sink_message.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace rill::media {

std::shared_ptr<const Frame> data_frame(const Envelope& e, std::string_view node) {
  if (!e.msg().is_map()) {
    throw std::invalid_argument(
        fmt::format("{}: the message is not a map with a frame `data`", node));
  }
  const Value* data = e.msg().as_map().find("data");
  if (data == nullptr)
    throw std::invalid_argument(fmt::format("{}: the message has no `data`", node));
  if (!data->is_frame() || !data->as_frame()) {
    throw std::invalid_argument(fmt::format("{}: the message's `data` is not a frame", node));
  }
  return data->as_frame();
}

std::int64_t stream_of(const Envelope& e, const Frame& frame) {
  if (frame.stream_id >= 0) return frame.stream_id;
  return static_cast<std::int64_t>(e.info().from_addr().value_or(0));
}

std::string expand_pattern(std::string_view pattern,
                           std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out;
  out.reserve(pattern.size() + 16);
  std::size_t i = 0;
  while (i < pattern.size()) {
    bool replaced = false;
    if (pattern[i] == '{') {
      for (const auto& [name, value] : values) {
        if (pattern.compare(i + 1, name.size(), name) == 0 &&
            i + 1 + name.size() < pattern.size() && pattern[i + 1 + name.size()] == '}') {
          std::string safe = value;
          std::replace(safe.begin(), safe.end(), '/', '_');
          std::replace(safe.begin(), safe.end(), '\\', '_');
          out += safe;
          i += name.size() + 2;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += pattern[i++];
  }
  return out;
}

}  // namespace rill::media
