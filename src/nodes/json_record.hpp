#pragma once
// The JSON line JsonLines writes for one message: every key of the message as JSON, with images,
// tensors and bytes described (size, shape) instead of dumped, plus where the message came from
// (`stream`, `frame`, `pts`). Private to rill_nodes.

#include <string>

#include "rill/core/envelope.hpp"

namespace rill::nodes {

/// Appends `v` as JSON text: null, bool, int and string as themselves; a finite double in its
/// shortest round-trip form (NaN and infinities, which JSON lacks, as null); lists and maps
/// recursively, keeping the map's order. What is not text is described, never dumped: a Frame as
/// {"width": w, "height": h, "format": "bgr24"}, a Tensor as {"dtype": "float32", "shape": [...]},
/// bytes as {"bytes": size}, an opaque object as {"object": type name}. Nesting deeper than
/// limits::kMaxJsonNesting is written as null (a reader would refuse it anyway).
/// Thread safety: pure function.
void append_json_value(std::string& out, const Value& v);

/// One line (with its '\n') for `e`: an object holding `stream` (the stream id of the message's
/// frame, else the envelope's from_addr), `frame` (the frame's index, else partial_id) and `pts`
/// (the frame's Frame::seconds()), each left out when unknown or when the message has a key of
/// that name itself, then every key of a map message, or {"value": ...} for any other message.
/// The frame is the message itself or its "data". Thread safety: pure function.
std::string json_line(const Envelope& e);

}  // namespace rill::nodes
