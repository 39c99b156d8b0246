#pragma once
// One video stream decoded into one dynamic subgraph instance: what VideoInput runs for each url
// and a video service runs for each stream it is asked to start. Files are read by the pump's own
// coroutine; live URLs on a thread of their own, reconnected when they drop (LiveSource).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "rill/core/node.hpp"
#include "rill/core/task.hpp"
#include "rill/media/video_reader.hpp"

namespace rill::media {

/// How a dropped live source is retried.
struct ReconnectPolicy {
  std::chrono::milliseconds first_delay{100};
  std::chrono::milliseconds max_delay{2'000};
  /// A source that has delivered nothing for this long stops being retried; 0 = never retry.
  std::chrono::milliseconds give_up_after{60'000};
};

struct StreamOptions {
  ReaderOptions reader;
  ReconnectPolicy reconnect;
  bool realtime = false;  ///< files at their own frame rate instead of as fast as taken
};

/// What a pump and whoever started it share: a stop request one way, the stream's state the
/// other. Thread safety: every member from any thread.
class StreamControl {
 public:
  enum class State { kOpening, kRunning, kEnded, kFailed };

  /// Ends the stream at its next frame (or within a live source's stop check, 200 ms).
  void stop() { stop_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool stop_requested() const { return stop_.load(std::memory_order_relaxed); }

  [[nodiscard]] State state() const;
  /// Why the stream failed (empty unless kFailed).
  [[nodiscard]] std::string error() const;
  /// Blocks until the stream has left kOpening (its first frame, its end or its failure) or
  /// `wait` has passed; returns the state then. Not for coroutines: it blocks the thread.
  State wait_started(std::chrono::milliseconds wait) const;

  /// Set by the pump.
  void set_state(State s, std::string error = {});

 private:
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  State state_ = State::kOpening;  // guarded by mu_
  std::string error_;              // guarded by mu_
};

/// Where a pump sends, and to whom it reports.
struct StreamTarget {
  std::uint64_t id = 0;                    ///< from_addr of every envelope, Frame::stream_id
  std::shared_ptr<DynInstance> instance;   ///< the stream's subgraph instance
  Context* ctx = nullptr;                  ///< the owning node's: outlives the pump
  std::shared_ptr<StreamControl> control;  ///< may be null
  std::function<void(std::uint64_t total)> on_total;  ///< a file's frame estimate (may be null)
  std::function<void()> on_frame;                     ///< after each frame sent (may be null)
};

/// Decodes `url` into `target.instance`, each frame as {"data": frame} with from_addr = id and
/// partial_id = frame index, until the file ends, the stream is stopped, the instance stops
/// taking frames or the graph stops; then closes the instance and waits for it to finish. A
/// stream that cannot be read is logged (naming the node, stream and url), counted in the
/// node's errors and reported on the control; it never throws, so other streams go on.
Task<> pump_stream(std::string url, StreamOptions options, StreamTarget target);

}  // namespace rill::media
