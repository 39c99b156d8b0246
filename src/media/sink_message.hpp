#pragma once
// What the media sinks (VideoWriter, Snapshot) read from a message: its frame, its stream, and
// file names made from a pattern with `{name}` placeholders.

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "rill/core/envelope.hpp"
#include "rill/core/frame.hpp"

namespace rill::media {

/// The frame in the message's `data`. Throws std::invalid_argument naming `node` when the
/// message is not a map or its `data` is missing or not a frame.
std::shared_ptr<const Frame> data_frame(const Envelope& e, std::string_view node);

/// The stream the message belongs to: the frame's stream id, else the envelope's from_addr (a
/// subgraph instance's key), else 0.
std::int64_t stream_of(const Envelope& e, const Frame& frame);

/// `pattern` with every `{name}` of `values` replaced by its value; path separators in values
/// become '_', so a value cannot reach outside the directory the pattern names. Other braces
/// stay as they are.
std::string expand_pattern(std::string_view pattern,
                           std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace rill::media
