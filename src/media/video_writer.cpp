#include "rill/media/video_writer.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <exception>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "ffmpeg.hpp"

extern "C" {
#include <libavutil/opt.h>
}

namespace rill::media {
namespace {

constexpr AVRational kDefaultRate{25, 1};
// A measured rate outside this range is a pts glitch, not a frame rate.
constexpr double kMinRate = 1;
constexpr double kMaxRate = 1000;
// MPEG-4 Part 2 (the fallback encoder) cannot express a finer time base.
constexpr int kMaxRateDen = 65535;

constexpr std::array<const char*, 10> kPresets = {"ultrafast", "superfast", "veryfast", "faster",
                                                  "fast",      "medium",    "slow",     "slower",
                                                  "veryslow",  "placebo"};

AVRational rate_of(double fps) { return av_d2q(fps, kMaxRateDen); }

/// When a frame is, as far as it says: its pts and time base.
struct Stamp {
  std::int64_t pts = -1;
  Frame::TimeBase time_base;
  [[nodiscard]] AVRational tb() const { return {time_base.num, time_base.den}; }
  [[nodiscard]] bool known() const { return pts >= 0 && time_base.num > 0 && time_base.den > 0; }
  [[nodiscard]] double seconds() const {
    return known() ? static_cast<double>(pts) * av_q2d(tb()) : -1;
  }
};

Stamp stamp_of(const Frame& f) { return {f.pts, f.time_base}; }

/// The rate the interval between two frames implies, exact when both share a time base
/// (12800 ticks / 512 = 25/1, 90000 / 3003 = 30000/1001); {0, 1} when it is no usable rate.
AVRational measured_rate(const Stamp& first, const Stamp& second) {
  const double interval = second.seconds() - first.seconds();
  if (!first.known() || !second.known() || interval <= 0) return {0, 1};
  AVRational rate{0, 1};
  if (av_cmp_q(first.tb(), second.tb()) == 0) {
    av_reduce(&rate.num, &rate.den, first.time_base.den,
              static_cast<std::int64_t>(first.time_base.num) * (second.pts - first.pts), INT_MAX);
  }
  if (rate.den <= 0 || rate.den > kMaxRateDen) rate = rate_of(1.0 / interval);
  const double fps = av_q2d(rate);
  if (fps < kMinRate || fps > kMaxRate) return {0, 1};
  return rate;
}

}  // namespace

struct VideoWriter::Impl {
  std::string path;
  WriterOptions options;
  const AVCodec* codec = nullptr;
  std::string encoder;
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  AvCodecContextPtr enc;
  AvPacketPtr packet{av_packet_alloc()};
  SwsContextPtr sws;  // for frames of sws_width x sws_height
  int sws_width = 0;
  int sws_height = 0;
  bool header_written = false;
  std::string open_error;  // why the encoder or the header failed: the file is unusable
  bool closed = false;
  std::int64_t frames = 0;

  // Geometry: the first frame's size (`source_*`), rounded down to even for 4:2:0 (`width`).
  int source_width = 0;
  int source_height = 0;
  int width = 0;
  int height = 0;

  // Timing, in the encoder's time base (one tick per frame at `rate`).
  AVRational rate{0, 1};
  bool follow_pts = false;  // place frames at their own pts
  Stamp first;              // the first frame's
  AvFramePtr pending;       // the first frame, held until the second one sets the rate
  std::int64_t origin = 0;  // the first frame's pts in encoder ticks
  std::int64_t last_pts = -1;

  ~Impl() { release(); }

  /// Frees everything and closes the file, without writing anything more.
  void release() {
    if (format != nullptr) {
      if (format->pb != nullptr) avio_closep(&format->pb);
      avformat_free_context(format);
      format = nullptr;
    }
  }

  [[noreturn]] void fail(std::string_view what, int err) const {
    throw MediaError(fmt::format("{}: {}: {}", path, what, av_error_text(err)));
  }

  void open_file();
  /// Opens the encoder and writes the header, once; after a failure, throws that failure again.
  void open_encoder();
  void start_encoder();
  AvFramePtr convert(const Frame& bgr);
  [[nodiscard]] std::int64_t ticks_of(const Frame& f) const;
  void encode(AVFrame* f);
};

void VideoWriter::Impl::open_file() {
  if (!packet) throw std::bad_alloc();
  if (std::find_if(kPresets.begin(), kPresets.end(),
                   [this](const char* p) { return options.preset == p; }) == kPresets.end()) {
    throw std::invalid_argument(fmt::format(
        "{}: unknown preset '{}' (ultrafast ... veryfast ... placebo)", path, options.preset));
  }
  codec = avcodec_find_encoder_by_name(options.encoder.c_str());
  if (codec == nullptr || av_codec_is_encoder(codec) == 0 || codec->type != AVMEDIA_TYPE_VIDEO) {
    codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    if (codec == nullptr) {
      throw MediaError(fmt::format("{}: no {} or MPEG-4 encoder", path, options.encoder));
    }
    spdlog::warn("{}: this FFmpeg has no {} video encoder; writing MPEG-4 Part 2 instead", path,
                 options.encoder);
  }
  encoder = codec->name;

  int err = avformat_alloc_output_context2(&format, nullptr, nullptr, path.c_str());
  if (err < 0 || format == nullptr) {
    throw MediaError(fmt::format(
        "{}: cannot write: no container for this file name's extension (use .mp4, .mkv or .avi)",
        path));
  }
  const AVOutputFormat* of = format->oformat;
  // Muxers that open files themselves write image sequences or streams, not one video file.
  if ((of->flags & AVFMT_NOFILE) != 0 ||
      avformat_query_codec(of, codec->id, FF_COMPLIANCE_NORMAL) == 0) {
    throw MediaError(fmt::format("{}: cannot write: the {} format does not hold {} video", path,
                                 of->name, encoder));
  }
  err = avio_open(&format->pb, path.c_str(), AVIO_FLAG_WRITE);
  if (err < 0) fail("cannot open for writing", err);
}

void VideoWriter::Impl::open_encoder() {
  if (!open_error.empty()) throw MediaError(open_error);
  try {
    start_encoder();
  } catch (const std::exception& e) {
    open_error = e.what();  // a half-made muxer must not be written to again
    throw;
  }
}

void VideoWriter::Impl::start_encoder() {
  if (rate.num <= 0) rate = kDefaultRate;
  enc.reset(avcodec_alloc_context3(codec));
  if (!enc) throw std::bad_alloc();
  enc->width = width;
  enc->height = height;
  enc->pix_fmt = AV_PIX_FMT_YUV420P;
  enc->time_base = av_inv_q(rate);
  enc->framerate = rate;
  enc->sample_aspect_ratio = {1, 1};
  // The matrix and range convert() uses, written into the stream so players decode it the same.
  enc->colorspace = AVCOL_SPC_SMPTE170M;
  enc->color_range = AVCOL_RANGE_MPEG;
  enc->thread_count = std::max(0, options.threads);
  if ((format->oformat->flags & AVFMT_GLOBALHEADER) != 0) {
    enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  }
  AVDictionary* opts = nullptr;
  if (encoder == "libx264") {
    av_dict_set(&opts, "preset", options.preset.c_str(), 0);
    av_dict_set(&opts, "crf", std::to_string(options.crf).c_str(), 0);
  } else if (codec->id == AV_CODEC_ID_MPEG4) {
    // MPEG-4 Part 2 has no CRF: a fixed quantiser of about the same quality (CRF 23 -> q 5).
    enc->flags |= AV_CODEC_FLAG_QSCALE;
    enc->global_quality = FF_QP2LAMBDA * std::clamp((options.crf + 2) / 5, 1, 31);
  }
  int err = avcodec_open2(enc.get(), codec, &opts);
  av_dict_free(&opts);
  if (err < 0) fail(fmt::format("cannot open the {} encoder", encoder), err);

  stream = avformat_new_stream(format, nullptr);
  if (stream == nullptr) throw std::bad_alloc();
  stream->time_base = enc->time_base;
  stream->avg_frame_rate = rate;
  err = avcodec_parameters_from_context(stream->codecpar, enc.get());
  if (err < 0) fail("cannot set up the stream", err);

  AVDictionary* mux = nullptr;
  // MP4/MOV: the index goes to the front once the file is complete, so it plays while loading.
  if (av_opt_find(format->priv_data, "movflags", nullptr, 0, 0) != nullptr) {
    av_dict_set(&mux, "movflags", "+faststart", 0);
  }
  err = avformat_write_header(format, &mux);
  av_dict_free(&mux);
  if (err < 0) fail("cannot write the header", err);
  header_written = true;
}

AvFramePtr VideoWriter::Impl::convert(const Frame& bgr) {
  AvFramePtr out(av_frame_alloc());
  if (!out) throw std::bad_alloc();
  out->format = AV_PIX_FMT_YUV420P;
  out->width = width;
  out->height = height;
  int err = av_frame_get_buffer(out.get(), 0);
  if (err < 0) fail("cannot allocate a frame", err);
  // A frame of the first one's size loses its odd last row or column (4:2:0 needs even sizes);
  // any other size is scaled.
  const bool same = bgr.width() == source_width && bgr.height() == source_height;
  const int src_w = same ? width : bgr.width();
  const int src_h = same ? height : bgr.height();
  if (!sws || src_w != sws_width || src_h != sws_height) {
    sws.reset(sws_getContext(src_w, src_h, AV_PIX_FMT_BGR24, width, height, AV_PIX_FMT_YUV420P,
                             SWS_BILINEAR, nullptr, nullptr, nullptr));
    if (!sws) throw MediaError(fmt::format("{}: swscale cannot convert bgr24 to yuv420p", path));
    // Full-range BGR to limited-range BT.601, as open_encoder() tags the stream.
    const int* bt601 = sws_getCoefficients(SWS_CS_ITU601);
    sws_setColorspaceDetails(sws.get(), bt601, 1, bt601, 0, 0, 1 << 16, 1 << 16);
    sws_width = src_w;
    sws_height = src_h;
  }
  const std::uint8_t* src[4] = {bgr.data(), nullptr, nullptr, nullptr};
  const int src_stride[4] = {static_cast<int>(bgr.stride()), 0, 0, 0};
  sws_scale(sws.get(), src, src_stride, 0, src_h, out->data, out->linesize);
  return out;
}

std::int64_t VideoWriter::Impl::ticks_of(const Frame& f) const {
  const AVRational tb = av_inv_q(rate);
  std::int64_t pts = last_pts + 1;  // the next slot
  const Stamp own_stamp = stamp_of(f);
  if (follow_pts && own_stamp.known()) {
    const std::int64_t own = av_rescale_q(own_stamp.pts, own_stamp.tb(), tb) - origin;
    if (own > last_pts) pts = own;
  }
  return pts;
}

void VideoWriter::Impl::encode(AVFrame* f) {
  int err = avcodec_send_frame(enc.get(), f);
  if (err < 0) fail("encoding failed", err);
  for (;;) {
    err = avcodec_receive_packet(enc.get(), packet.get());
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return;
    if (err < 0) fail("encoding failed", err);
    if (packet->duration <= 0) packet->duration = 1;  // one frame: the last one needs it
    av_packet_rescale_ts(packet.get(), enc->time_base, stream->time_base);
    packet->stream_index = stream->index;
    err = av_interleaved_write_frame(format, packet.get());  // takes the packet's reference
    if (err < 0) fail("writing failed", err);
  }
}

VideoWriter::VideoWriter(std::string path, WriterOptions options)
    : impl_(std::make_unique<Impl>()) {
  route_ffmpeg_log();
  impl_->path = std::move(path);
  impl_->options = std::move(options);
  impl_->open_file();
}

VideoWriter::~VideoWriter() {
  try {
    close();
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
  }
}

void VideoWriter::write(const Frame& frame) {
  Impl& m = *impl_;
  if (m.closed) throw std::logic_error(fmt::format("{}: write after close", m.path));
  // as_bgr wants shared ownership; a non-owning alias lends it `frame` for this call only (the
  // conversion it caches belongs to the frame and its copies).
  std::shared_ptr<const Frame> bgr =
      as_bgr(std::shared_ptr<const Frame>(std::shared_ptr<const Frame>(), &frame));
  if (m.width == 0) {
    if (bgr->width() < 2 || bgr->height() < 2) {
      throw MediaError(fmt::format("{}: a {}x{} frame is too small to encode", m.path, bgr->width(),
                                   bgr->height()));
    }
    m.source_width = bgr->width();
    m.source_height = bgr->height();
    m.width = m.source_width & ~1;
    m.height = m.source_height & ~1;
  }
  AvFramePtr yuv = m.convert(*bgr);

  if (!m.header_written) {
    if (m.frames == 0 && !m.pending) {
      m.first = stamp_of(frame);
      if (m.options.fps > 0) {
        m.rate = rate_of(m.options.fps);
      } else if (m.first.known()) {
        m.follow_pts = true;
        m.pending = std::move(yuv);  // the second frame tells the rate
        return;
      }
    } else {
      m.rate = measured_rate(m.first, stamp_of(frame));
    }
    m.open_encoder();
    if (m.follow_pts) {
      m.origin = av_rescale_q(m.first.pts, m.first.tb(), av_inv_q(m.rate));
    }
    if (m.pending) {
      m.pending->pts = m.last_pts = 0;
      m.encode(m.pending.get());
      m.pending.reset();
      ++m.frames;
    }
  }
  yuv->pts = m.last_pts = m.ticks_of(frame);
  m.encode(yuv.get());
  ++m.frames;
}

void VideoWriter::close() {
  Impl& m = *impl_;
  if (m.closed) return;
  m.closed = true;
  std::exception_ptr error;
  try {
    if (m.pending && m.open_error.empty()) {  // a one-frame video: no second frame told the rate
      m.open_encoder();
      m.pending->pts = 0;
      m.encode(m.pending.get());
      m.pending.reset();
      ++m.frames;
    }
    if (m.header_written) {
      m.encode(nullptr);  // drain the encoder's delayed frames
      int err = av_write_trailer(m.format);
      if (err < 0) m.fail("cannot write the trailer", err);
    }
  } catch (...) {
    error = std::current_exception();
  }
  m.release();
  if (!m.header_written) {
    std::error_code ec;
    std::filesystem::remove(m.path, ec);  // no video in it: no unplayable file left behind
  }
  if (error) std::rethrow_exception(error);
}

const std::string& VideoWriter::path() const { return impl_->path; }
const std::string& VideoWriter::encoder() const { return impl_->encoder; }
std::int64_t VideoWriter::frames() const { return impl_->frames; }
int VideoWriter::width() const { return impl_->width; }
int VideoWriter::height() const { return impl_->height; }

}  // namespace rill::media
