#include "rill/media/video_reader.hpp"

#include <algorithm>
#include <array>
#include <climits>

#include <fmt/format.h>

#include "bgr_converter.hpp"
#include "ffmpeg.hpp"

namespace rill::media {
namespace {

using Clock = std::chrono::steady_clock;

// A demuxer that keeps reporting damaged data is not a video with a few bad packets.
constexpr int kMaxConsecutiveBadReads = 200;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

bool is_live_url(std::string_view url) {
  auto colon = url.find("://");
  if (colon == std::string_view::npos) return false;
  std::string scheme = lower(url.substr(0, colon));
  for (const char* live : {"rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp", "tcp", "srt",
                           "rtp", "hls", "mmsh", "mmst"}) {
    if (scheme == live) return true;
  }
  return false;
}

struct VideoReader::Impl {
  StreamInfo info;
  ReaderOptions options;
  AVFormatContext* format = nullptr;
  AvCodecContextPtr decoder;
  AvPacketPtr packet{av_packet_alloc()};
  AvFramePtr decoded{av_frame_alloc()};
  int stream_index = -1;
  AVRational time_base{1, 1};
  std::int64_t pts_step = 1;  // one frame in time_base units, for streams without pts
  std::int64_t last_pts = INT64_MIN;
  std::int64_t frames = 0;
  std::uint64_t corrupt = 0;
  // FFmpeg calls interrupted() inside every blocking operation; past the deadline it gives up.
  Clock::time_point deadline = Clock::time_point::max();
  bool timed_out = false;
  std::shared_ptr<const SwsBgrConverter> converter;
  AVPixelFormat converter_format = AV_PIX_FMT_NONE;

  ~Impl() { avformat_close_input(&format); }

  static int interrupted(void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    if (self->options.cancel != nullptr && self->options.cancel->load(std::memory_order_relaxed)) {
      return 1;
    }
    if (Clock::now() < self->deadline) return 0;
    self->timed_out = true;
    return 1;
  }

  [[noreturn]] void fail(std::string_view what, int err) const {
    throw MediaError(
        fmt::format("{}: {}: {}", info.url, what,
                    timed_out ? fmt::format("no data within {} ms", options.read_timeout.count())
                              : av_error_text(err)));
  }

  void open();
  std::shared_ptr<Frame> wrap();
  const SwsBgrConverter& converter_for(const AVFrame& f);
};

void VideoReader::Impl::open() {
  if (!packet || !decoded) throw std::bad_alloc();
  format = avformat_alloc_context();
  if (format == nullptr) throw std::bad_alloc();
  format->interrupt_callback = {&Impl::interrupted, this};
  AVDictionary* opts = nullptr;
  if (lower(info.url).rfind("rtsp", 0) == 0) {
    av_dict_set(&opts, "rtsp_transport", options.rtsp_transport.c_str(), 0);
  }
  // Socket-level timeout in microseconds for the network protocols that honour it.
  av_dict_set_int(
      &opts, "rw_timeout",
      std::chrono::duration_cast<std::chrono::microseconds>(options.read_timeout).count(), 0);
  deadline = Clock::now() + options.open_timeout;
  int err = avformat_open_input(&format, info.url.c_str(), nullptr, &opts);
  av_dict_free(&opts);
  if (err < 0) {  // avformat_open_input freed `format`
    if (timed_out) {
      throw MediaError(fmt::format("{}: cannot open: no answer within {} ms", info.url,
                                   options.open_timeout.count()));
    }
    throw MediaError(fmt::format("{}: cannot open: {}", info.url, av_error_text(err)));
  }
  err = avformat_find_stream_info(format, nullptr);
  if (err < 0) fail("cannot read stream information", err);
  const AVCodec* codec = nullptr;
  stream_index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
  if (stream_index < 0 || codec == nullptr) {
    throw MediaError(fmt::format("{}: {}", info.url,
                                 stream_index == AVERROR_DECODER_NOT_FOUND
                                     ? "no decoder for its video stream"
                                     : "no video stream in this input"));
  }
  for (unsigned i = 0; i < format->nb_streams; ++i) {
    if (static_cast<int>(i) != stream_index) format->streams[i]->discard = AVDISCARD_ALL;
  }
  AVStream* st = format->streams[stream_index];
  decoder.reset(avcodec_alloc_context3(codec));
  if (!decoder) throw std::bad_alloc();
  err = avcodec_parameters_to_context(decoder.get(), st->codecpar);
  if (err < 0) fail("cannot set up the decoder", err);
  decoder->thread_count = std::max(0, options.decoder_threads);
  decoder->pkt_timebase = st->time_base;
  err = avcodec_open2(decoder.get(), codec, nullptr);
  if (err < 0) fail("cannot open the decoder", err);

  time_base = st->time_base;
  AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
  info.codec = codec->name;
  info.width = decoder->width;
  info.height = decoder->height;
  info.fps = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0;
  info.time_base_num = time_base.num;
  info.time_base_den = time_base.den;
  if (st->nb_frames > 0) {
    info.frames_estimate = st->nb_frames;
  } else if (info.fps > 0 && format->duration > 0) {
    info.frames_estimate =
        static_cast<std::int64_t>(static_cast<double>(format->duration) / AV_TIME_BASE * info.fps);
  }
  if (rate.num > 0 && rate.den > 0) {
    pts_step = std::max<std::int64_t>(1, av_rescale_q(1, av_inv_q(rate), time_base));
  }
}

const SwsBgrConverter& VideoReader::Impl::converter_for(const AVFrame& f) {
  auto fmt_now = static_cast<AVPixelFormat>(f.format);
  if (!converter || converter_format != fmt_now) {  // a stream may change format mid-way
    converter = std::make_shared<SwsBgrConverter>(fmt_now, f.colorspace, f.color_range);
    converter_format = fmt_now;
  }
  return *converter;
}

std::shared_ptr<Frame> VideoReader::Impl::wrap() {
  AVFrame& f = *decoded;
  std::int64_t pts = f.best_effort_timestamp;
  if (pts == AV_NOPTS_VALUE || (last_pts != INT64_MIN && pts <= last_pts)) {
    pts = last_pts == INT64_MIN ? 0 : last_pts + pts_step;
  }
  last_pts = pts;

  std::shared_ptr<Frame> out;
  PixelFormat pf{};
  const SwsBgrConverter& conv = converter_for(f);
  const bool positive_strides = f.linesize[0] > 0 && f.linesize[1] >= 0 && f.linesize[2] >= 0;
  if (frame_format_of(static_cast<AVPixelFormat>(f.format), &pf) && positive_strides) {
    // Zero copy: the Frame keeps the decoder's reference-counted buffers (FFmpeg pools them).
    std::array<Plane, 3> planes{};
    for (std::size_t i = 0; i < 3; ++i) {
      planes.at(i) = {f.data[i], static_cast<std::size_t>(std::max(0, f.linesize[i]))};
    }
    AVFrame* held = av_frame_alloc();
    if (held == nullptr) throw std::bad_alloc();
    av_frame_move_ref(held, &f);
    Buffer buffer;
    buffer.data = held->data[0];
    buffer.size =
        static_cast<std::size_t>(held->linesize[0]) * static_cast<std::size_t>(held->height);
    buffer.owner = std::shared_ptr<void>(held, [](void* p) {
      auto* fr = static_cast<AVFrame*>(p);
      av_frame_free(&fr);
    });
    out = std::make_shared<Frame>(std::move(buffer), pf, held->width, held->height, planes);
    if (pf != PixelFormat::kBGR24) out->set_converter(converter);
  } else {
    // A format Frame does not name (4:2:2, 10-bit, ...): converted to BGR right away.
    out = conv.convert(f.data, f.linesize, f.width, f.height);
    av_frame_unref(&f);
  }
  out->pts = pts;
  out->time_base = {time_base.num, time_base.den};
  out->frame_index = frames++;
  if (info.width == 0) {
    info.width = out->width();
    info.height = out->height();
  }
  return out;
}

VideoReader::VideoReader(std::string url, ReaderOptions options) : impl_(std::make_unique<Impl>()) {
  route_ffmpeg_log();
  impl_->info.url = std::move(url);
  impl_->info.live = is_live_url(impl_->info.url);
  impl_->options = std::move(options);
  impl_->open();
}

VideoReader::~VideoReader() = default;

std::shared_ptr<Frame> VideoReader::next() {
  Impl& m = *impl_;
  int bad_reads = 0;
  for (;;) {
    int err = avcodec_receive_frame(m.decoder.get(), m.decoded.get());
    if (err == 0) {
      // Concealed decoding errors: delivered (the picture is mostly right), and counted.
      if (m.decoded->decode_error_flags != 0 || (m.decoded->flags & AV_FRAME_FLAG_CORRUPT) != 0) {
        ++m.corrupt;
      }
      return m.wrap();
    }
    if (err == AVERROR_EOF) return nullptr;
    if (err == AVERROR_INVALIDDATA) {
      ++m.corrupt;
      continue;
    }
    if (err != AVERROR(EAGAIN)) m.fail("decoding failed", err);

    // The decoder wants input.
    m.deadline = Clock::now() + m.options.read_timeout;
    err = av_read_frame(m.format, m.packet.get());
    if (err == AVERROR_EOF ||
        (err < 0 && !m.timed_out && m.format->pb != nullptr && avio_feof(m.format->pb) != 0)) {
      // End of input (a truncated file ends here too): drain what the decoder still holds.
      avcodec_send_packet(m.decoder.get(), nullptr);
      continue;
    }
    if (err == AVERROR_INVALIDDATA && !m.timed_out && ++bad_reads < kMaxConsecutiveBadReads) {
      ++m.corrupt;
      continue;
    }
    if (err < 0) m.fail(fmt::format("reading failed after {} frames", m.frames), err);
    bad_reads = 0;
    if ((m.packet->flags & AV_PKT_FLAG_CORRUPT) != 0) {
      ++m.corrupt;  // the demuxer saw it damaged: skipped, not decoded into garbage
    } else if (m.packet->stream_index == m.stream_index) {
      err = avcodec_send_packet(m.decoder.get(), m.packet.get());
      if (err < 0 && err != AVERROR(EAGAIN)) ++m.corrupt;  // a packet it rejects is skipped
    }
    av_packet_unref(m.packet.get());
  }
}

const StreamInfo& VideoReader::info() const { return impl_->info; }

std::uint64_t VideoReader::corrupt() const { return impl_->corrupt; }

double VideoReader::seconds(std::int64_t pts) const {
  return static_cast<double>(pts) * av_q2d(impl_->time_base);
}

}  // namespace rill::media
