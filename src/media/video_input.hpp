#pragma once
// VideoInput (`inp:dyn` ← , `out:dyn` →): MegFlow's offline video-list source, plus live URLs.
//
// For each of `repeat` rounds and each url: one stream id (from 1), one instance of the attached
// subgraph, and a pump that decodes the video into the instance's input as
// `{"data": frame}` with from_addr = stream id and partial_id = frame index; what the instances
// send back is drained and discarded. Every stream runs at once; the node ends when every
// instance has. Beyond MegFlow: rtsp:// and other live URLs work (MegFlow silently skipped
// them), and a stream that cannot be read is logged and counted while the others go on.

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "rill/core/node.hpp"
#include "rill/media/stream_pump.hpp"
#include "rill/media/video_reader.hpp"

namespace rill::media {

class VideoInput final : public Node {
 public:
  static constexpr InputDyn kIn{"inp", "outputs of the per-stream subgraphs (drained, discarded)"};
  static constexpr OutputDyn kOut{"out", "one subgraph instance per video; {data: frame}"};
  static constexpr ListArg kUrls{
      .name = "urls", .doc = "video files or live URLs (rtsp://...)", .required = true};
  static constexpr IntArg kRepeat{
      .name = "repeat", .def = 1, .min = 1, .max = 10'000, .doc = "rounds over the urls"};
  static constexpr BoolArg kRealtime{
      .name = "realtime", .def = false, .doc = "pace files at their frame rate (live URLs are)"};
  static constexpr IntArg kDecodeThreads{.name = "decode_threads",
                                         .def = 1,
                                         .min = 0,
                                         .max = 64,
                                         .doc = "FFmpeg decoder threads per stream (0 = auto)"};
  static constexpr EnumArg<2> kTransport{
      .name = "rtsp_transport", .def = "tcp", .choices = {"tcp", "udp"}, .doc = "RTSP transport"};
  static constexpr IntArg kOpenTimeout{.name = "open_timeout_ms",
                                       .def = 10'000,
                                       .min = 100,
                                       .max = 3'600'000,
                                       .doc = "limit on opening a stream"};
  static constexpr IntArg kReadTimeout{.name = "read_timeout_ms",
                                       .def = 5'000,
                                       .min = 100,
                                       .max = 3'600'000,
                                       .doc = "a live source silent this long has dropped"};
  static constexpr IntArg kReconnect{
      .name = "reconnect_ms",
      .def = 60'000,
      .min = 0,
      .max = 86'400'000,
      .doc = "how long a dropped live source is retried (capped backoff); 0 = never"};
  static constexpr BoolArg kProgress{
      .name = "progress", .def = true, .doc = "progress on stderr (a bar on a terminal)"};
  static Contract contract() {
    return {kIn,        kOut,         kUrls,        kRepeat,    kRealtime, kDecodeThreads,
            kTransport, kOpenTimeout, kReadTimeout, kReconnect, kProgress};
  }

  explicit VideoInput(const NodeConfig& config);
  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;

 private:
  std::vector<std::string> urls_;
  std::int64_t repeat_;
  bool progress_;
  StreamOptions options_;
  DynInput* inp_ = nullptr;
  DynOutput* out_ = nullptr;
};

}  // namespace rill::media
