#pragma once
// LiveSource: a network stream (RTSP camera, HTTP, ...) read on a thread of its own, because a
// network read blocks for as long as the source makes it wait; it reconnects with capped
// exponential backoff when the source drops, and hands frames to a coroutine through a small
// bounded channel (so a slow pipeline slows the reader, as for files).

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "rill/core/channel.hpp"
#include "rill/core/task.hpp"
#include "rill/media/stream_pump.hpp"
#include "rill/media/video_reader.hpp"

namespace rill::media {

/// Lifecycle: the constructor starts the reader thread (which opens the URL); the destructor
/// cancels any blocking read and joins it. Thread safety: next() from one coroutine at a time.
class LiveSource {
 public:
  LiveSource(std::string url, ReaderOptions options, ReconnectPolicy policy);
  ~LiveSource();
  LiveSource(const LiveSource&) = delete;
  LiveSource& operator=(const LiveSource&) = delete;

  /// What next_for() got.
  struct Next {
    std::shared_ptr<Frame> frame;  ///< null: the source ended, or nothing came in time
    bool timed_out = false;        ///< nothing within the wait (the source may still deliver)
  };
  /// The next frame (frame_index and pts continue across reconnections), waiting at most `wait`
  /// so the caller can notice a stopping graph while a camera is silent. Throws MediaError when
  /// the first connection fails or reconnecting gave up.
  Task<Next> next_for(std::chrono::milliseconds wait);
  /// Successful reconnections so far.
  [[nodiscard]] std::uint64_t reconnects() const { return reconnects_.load(); }

 private:
  struct Item {
    std::shared_ptr<Frame> frame;
    std::string error;  ///< set on the last item when the source failed
  };
  void run(Sender<Item> tx);

  std::string url_;
  ReaderOptions options_;
  ReconnectPolicy policy_;
  std::atomic<bool> cancel_{false};
  std::atomic<std::uint64_t> reconnects_{0};
  Receiver<Item> rx_;
  std::thread thread_;
};

}  // namespace rill::media
