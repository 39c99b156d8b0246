#pragma once
// VideoWriter (`inp` → `out`): writes the frames of the messages (`data`) into video files, one
// per stream when `path` holds `{stream}` (the frame's stream id, else the message's from_addr),
// so one node — also a shared node serving every per-stream subgraph — writes every camera's
// file. Parent directories are made. Every message goes on through `out` unchanged (left
// unconnected, it discards). All files are finished (encoder flushed, trailer written) when
// `inp` ends; each is logged with its frame count.

#include <map>
#include <memory>
#include <string>

#include "rill/core/node.hpp"
#include "rill/media/video_writer.hpp"

namespace rill::media {

class VideoWriterNode final : public Node {
 public:
  static constexpr Input<Map> kIn{"inp", "messages whose `data` is a frame"};
  static constexpr Output<Map> kOut{"out", "every message, unchanged"};
  static constexpr StringArg kPath{
      .name = "path",
      .doc = "file to write (.mp4, .mkv, .avi); `{stream}` = stream id, one file per stream",
      .required = true};
  static constexpr FloatArg kFps{.name = "fps",
                                 .def = 0,
                                 .min = 0,
                                 .max = 1000,
                                 .doc = "output frame rate; 0 = the frames' own, from their pts"};
  static constexpr IntArg kCrf{.name = "crf",
                               .def = 23,
                               .min = 0,
                               .max = 51,
                               .doc = "H.264 quality: 0 lossless ... 51 worst"};
  static constexpr EnumArg<10> kPreset{
      .name = "preset",
      .def = "veryfast",
      .choices = {"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                  "slower", "veryslow", "placebo"},
      .doc = "x264 speed against file size"};
  static constexpr IntArg kThreads{.name = "threads",
                                   .def = 1,
                                   .min = 0,
                                   .max = 64,
                                   .doc = "encoder threads per file (0 = auto)"};
  static Contract contract() { return {kIn, kOut, kPath, kFps, kCrf, kPreset, kThreads}; }

  explicit VideoWriterNode(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;
  void finalize(Context& ctx) override;

 private:
  /// Finishes every file; logs each, then throws the first failure, if any.
  void close_all(const Context& ctx);

  std::string path_;
  WriterOptions options_;
  std::map<std::string, std::unique_ptr<VideoWriter>> writers_;  // by expanded path
  InputPort* in_ = nullptr;
  OutputPort* out_ = nullptr;
};

}  // namespace rill::media
