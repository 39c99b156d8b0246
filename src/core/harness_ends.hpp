#pragma once
// The output end a test harness reads: take() empties what is queued now, counting the flush
// markers met and noting end-of-stream. Shared by NodeHarness and GraphHarness.

#include <cstddef>
#include <optional>
#include <vector>

#include "rill/core/channel.hpp"
#include "rill/core/envelope.hpp"

namespace rill::detail {

struct HarnessOutEnd {
  Receiver<Envelope> rx;
  std::size_t markers = 0;
  bool ended = false;

  std::vector<Envelope> take() {
    std::vector<Envelope> values;
    for (;;) {
      std::optional<Envelope> v;
      const RecvStatus s = rx.try_recv(v);
      if (s == RecvStatus::kValue) {
        // kValue always carries a value.
        values.push_back(std::move(*v));  // NOLINT(bugprone-unchecked-optional-access)
      } else if (s == RecvStatus::kMarker) {
        ++markers;
      } else {
        if (s == RecvStatus::kEnd) ended = true;
        return values;
      }
    }
  }
};

}  // namespace rill::detail
