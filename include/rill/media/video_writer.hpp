#pragma once
// VideoWriter: frames in, a playable video file out (H.264 with libavcodec's libx264, in the
// container the path's extension names: .mp4, .mkv, .avi, ...).

#include <cstdint>
#include <memory>
#include <string>

#include "rill/core/frame.hpp"
#include "rill/media/video_reader.hpp"  // MediaError

namespace rill::media {

struct WriterOptions {
  /// Frame rate of the output. 0 = the frames' own rate, measured from the first two frames'
  /// pts and time base (25 when they carry none). A rate given here is constant: frame n is
  /// shown at n / fps seconds, whatever its pts.
  double fps = 0;
  /// x264's constant rate factor: 0 is lossless, 23 its default, 51 the worst.
  int crf = 23;
  /// x264's speed/size trade-off: ultrafast, superfast, veryfast, faster, fast, medium, slow,
  /// slower, veryslow, placebo.
  std::string preset = "veryfast";
  /// Encoder threads for this one file. 1 keeps the process's thread count independent of the
  /// number of files being written; 0 lets the encoder pick (about 1.5 per core).
  int threads = 1;
  /// The libavcodec encoder. When this FFmpeg lacks it, the writer falls back to "mpeg4"
  /// (MPEG-4 Part 2, always built in) with a warning; `crf` then picks a matching quantiser.
  std::string encoder = "libx264";
};

/// Lifecycle: the constructor opens (creates or truncates) the file and checks an encoder exists;
/// the first frame fixes the size and starts the encoder; close() (or the destructor) flushes the
/// encoder and writes the trailer. MP4 and MOV files get their index at the front (faststart), so
/// they play while downloading. A writer closed before any frame leaves no file behind.
/// Thread safety: one thread at a time.
///
///   rill::media::VideoWriter w("out/annotated.mp4");
///   while (auto f = reader.next()) w.write(*f);
///   w.close();
class VideoWriter {
 public:
  /// Opens `path` for writing. Throws MediaError naming the path when no container matches its
  /// extension, the container cannot hold the encoder's video, or the file cannot be created;
  /// std::invalid_argument for an unknown preset.
  explicit VideoWriter(std::string path, WriterOptions options = {});
  /// Closes the file; an error then is logged, never thrown.
  ~VideoWriter();
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;

  /// Encodes one frame, in any pixel format (rill::as_bgr converts it, sharing the frame's
  /// cached BGR). Frames of another size than the first are scaled to the first one's size.
  /// With `fps` = 0, frames are placed at their own pts (rescaled to the output's rate; a pts
  /// missing or not after the previous one becomes the next free slot). Throws MediaError naming
  /// the path when encoding or writing fails, std::logic_error after close().
  void write(const Frame& frame);

  /// Flushes the encoder, writes the trailer and closes the file. Idempotent. Throws MediaError
  /// naming the path when that fails (the file is closed all the same).
  void close();

  [[nodiscard]] const std::string& path() const;
  /// The encoder in use: options.encoder, or "mpeg4" after the fallback.
  [[nodiscard]] const std::string& encoder() const;
  /// Frames written so far.
  [[nodiscard]] std::int64_t frames() const;
  /// The output's size, fixed by the first frame; 0 before it.
  [[nodiscard]] int width() const;
  [[nodiscard]] int height() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rill::media
