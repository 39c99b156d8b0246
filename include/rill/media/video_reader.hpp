#pragma once
// VideoReader: one video stream (a file or a live URL) demuxed and decoded with FFmpeg, frame by
// frame. Frames stay in the decoder's pixel format and carry a converter, so BGR is made once,
// when a node first asks for it (rill::as_bgr).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "rill/core/frame.hpp"

namespace rill::media {

/// A stream that cannot be opened or read: a missing file, a refusing server, a file without
/// video, a live source that went silent. The message names the URL and FFmpeg's reason.
class MediaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReaderOptions {
  /// FFmpeg decoder threads for this one stream (frame threading). 1 keeps the process's thread
  /// count independent of the number of streams; 0 lets FFmpeg pick one per core.
  int decoder_threads = 1;
  /// RTSP lower transport: "tcp" or "udp".
  std::string rtsp_transport = "tcp";
  /// Limit on opening the input (connecting, reading headers, finding the stream).
  std::chrono::milliseconds open_timeout{10'000};
  /// Limit on any one read: a live source silent this long is an error.
  std::chrono::milliseconds read_timeout{5'000};
  /// When set, blocking opens and reads give up as soon as it becomes true (a stopping graph).
  const std::atomic<bool>* cancel = nullptr;
};

struct StreamInfo {
  std::string url;
  std::string codec;  ///< decoder name, e.g. "h264"
  int width = 0;
  int height = 0;
  double fps = 0;         ///< average frame rate; 0 when the container does not say
  int time_base_num = 1;  ///< pts unit = time_base_num / time_base_den seconds
  int time_base_den = 1;
  bool live = false;  ///< read from the network (see is_live_url)
  /// Frames the container says it holds (or duration × fps); 0 when unknown (live sources).
  std::int64_t frames_estimate = 0;
};

/// Lifecycle: opened by the constructor, closed by the destructor. Thread safety: one thread at
/// a time; the frames it returns may go anywhere and outlive the reader.
class VideoReader {
 public:
  /// Opens `url` (a path, or any URL FFmpeg reads: rtsp://, http://, ...) and picks its best
  /// video stream. Throws MediaError.
  explicit VideoReader(std::string url, ReaderOptions options = {});
  ~VideoReader();
  VideoReader(const VideoReader&) = delete;
  VideoReader& operator=(const VideoReader&) = delete;

  /// The next frame in presentation order, or nullptr at the end of the stream. pts is
  /// monotonic (synthesised from the frame rate where the stream has none) and frame_index
  /// counts from 0. A packet the decoder rejects is skipped and counted. Throws MediaError when
  /// reading fails (timeout, I/O error).
  std::shared_ptr<Frame> next();

  [[nodiscard]] const StreamInfo& info() const;
  /// Packets and frames skipped as corrupt so far.
  [[nodiscard]] std::uint64_t corrupt() const;
  /// `pts` in seconds.
  [[nodiscard]] double seconds(std::int64_t pts) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// True for URLs read from the network (rtsp, rtmp, http(s), udp, tcp, srt): they get timeouts,
/// reconnection and their own reader thread.
bool is_live_url(std::string_view url);

}  // namespace rill::media
