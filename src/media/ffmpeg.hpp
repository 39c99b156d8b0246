#pragma once
// What every FFmpeg user in src/media shares: the C headers, owning pointers and error text.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace rill::media {

struct AvFrameFree {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct AvPacketFree {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct AvCodecContextFree {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct SwsContextFree {
  void operator()(SwsContext* c) const { sws_freeContext(c); }
};
using AvFramePtr = std::unique_ptr<AVFrame, AvFrameFree>;
using AvPacketPtr = std::unique_ptr<AVPacket, AvPacketFree>;
using AvCodecContextPtr = std::unique_ptr<AVCodecContext, AvCodecContextFree>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextFree>;

/// Sends FFmpeg's own log lines to spdlog (errors and worse at debug level: rill reports what they
/// mean itself, as counted skips and per-stream errors, instead of flooding stderr). Idempotent.
void route_ffmpeg_log();

/// FFmpeg's text for an AVERROR code.
std::string av_error_text(int err);

}  // namespace rill::media
