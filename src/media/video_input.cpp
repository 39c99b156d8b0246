#include "video_input.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "live_source.hpp"
#include "progress.hpp"
#include "rill/core/event.hpp"
#include "rill/core/timer.hpp"

namespace rill::media {

/// One stream's pump: what it reads, where it sends, what it reports.
struct VideoInput::Stream {
  std::uint64_t id = 0;
  std::string url;
  std::shared_ptr<DynInstance> instance;
  ReaderOptions options;
  ReconnectPolicy reconnect;
  bool realtime = false;
  Context* ctx = nullptr;  // outlives the stream: exec waits for every pump
  std::shared_ptr<Progress> progress;
};

namespace {

using Clock = std::chrono::steady_clock;

/// Counts the node's running tasks; `done` is set when the last one finishes.
struct Join {
  std::atomic<int> running{1};  // exec's own share
  Event done;
  void add() { running.fetch_add(1); }
  void finish() {
    if (running.fetch_sub(1) == 1) done.set();
  }
};

/// Sends one frame into the stream's instance; false once the instance or the graph is closing.
Task<bool> send_frame(VideoInput::Stream* s, std::shared_ptr<Frame> f) {
  f->stream_id = static_cast<std::int64_t>(s->id);
  Info info;
  info.set_from_addr(s->id);
  info.set_partial_id(static_cast<std::uint64_t>(f->frame_index));
  Map msg;
  msg.set("data", Value(std::shared_ptr<const Frame>(std::move(f))));
  SendStatus st = co_await s->instance->input().send(Envelope(Value(std::move(msg)), info));
  s->progress->advance();
  co_return st == SendStatus::kOk && !s->ctx->stop_requested();
}

Task<> pump_file(VideoInput::Stream* s) {
  VideoReader reader(s->url, s->options);
  s->progress->add_total(static_cast<std::uint64_t>(reader.info().frames_estimate));
  Clock::time_point start{};
  double first_seconds = 0;
  while (std::shared_ptr<Frame> f = reader.next()) {
    if (s->realtime) {
      double at = reader.seconds(f->pts);
      if (start == Clock::time_point{}) {
        start = Clock::now();
        first_seconds = at;
      }
      auto due = start + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(at - first_seconds));
      co_await sleep_for(due - Clock::now());
    }
    if (!co_await send_frame(s, std::move(f))) break;
  }
  if (reader.corrupt() > 0) {
    spdlog::warn("{}: stream {} ({}): {} corrupt packets skipped", s->ctx->path(), s->id, s->url,
                 reader.corrupt());
  }
}

// How long a pump waits on a silent camera before it looks whether the graph is stopping.
constexpr std::chrono::milliseconds kStopCheck{200};

Task<> pump_live(VideoInput::Stream* s) {
  LiveSource source(s->url, s->options, s->reconnect);
  while (!s->ctx->stop_requested()) {
    LiveSource::Next next = co_await source.next_for(kStopCheck);
    if (next.timed_out) continue;
    if (!next.frame || !co_await send_frame(s, std::move(next.frame))) break;
  }
}

/// Decodes one stream into its instance, then closes the instance and waits for it. A stream
/// that cannot be read is reported here and ends its instance; it never fails the node, so the
/// other streams go on.
Task<> pump(std::unique_ptr<VideoInput::Stream> s) {
  std::string error;
  try {
    if (is_live_url(s->url)) {
      co_await pump_live(s.get());
    } else {
      co_await pump_file(s.get());
    }
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (!error.empty()) {
    spdlog::error("{}: stream {}: {}", s->ctx->path(), s->id, error);
    s->ctx->counters().errors.fetch_add(1, std::memory_order_relaxed);
  }
  s->instance->close();
  co_await s->instance->wait();
}

/// Reads an instance's output end to its end, discarding (MegFlow's VideoInput does the same).
Task<> discard(InputPort port) {
  for (;;) {
    std::optional<Envelope> e = co_await port.recv();
    if (!e && port.last_status() == RecvStatus::kEnd) co_return;
  }
}

}  // namespace

VideoInput::VideoInput(const NodeConfig& config)
    : repeat_(config.arg(kRepeat)),
      realtime_(config.arg(kRealtime)),
      progress_(config.arg(kProgress)),
      reconnect_(config.arg(kReconnect)) {
  const List& urls = config.arg(kUrls);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (!urls[i].is_string()) {
      throw std::invalid_argument(fmt::format("urls[{}] must be a string (a path or a URL)", i));
    }
    urls_.push_back(urls[i].as_string());
  }
  reader_options_.decoder_threads = static_cast<int>(config.arg(kDecodeThreads));
  reader_options_.rtsp_transport = config.arg(kTransport);
  reader_options_.open_timeout = std::chrono::milliseconds(config.arg(kOpenTimeout));
  reader_options_.read_timeout = std::chrono::milliseconds(config.arg(kReadTimeout));
}

void VideoInput::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> VideoInput::exec(Context& ctx) {
  Executor* ex = Executor::current();
  if (ex == nullptr) throw std::logic_error("VideoInput: exec must run on an executor");
  auto join = std::make_shared<Join>();
  auto progress = std::make_shared<Progress>(ctx.path(), 0, "frames", progress_ ? stderr : nullptr);
  std::exception_ptr error;
  try {
    std::uint64_t id = 0;
    for (std::int64_t round = 0; round < repeat_ && !ctx.stop_requested(); ++round) {
      for (const std::string& url : urls_) {
        auto s = std::make_unique<Stream>();
        s->id = ++id;  // MegFlow numbers video streams from 1
        s->url = url;
        s->options = reader_options_;
        s->reconnect.give_up_after = reconnect_;
        s->realtime = realtime_;
        s->ctx = &ctx;
        s->progress = progress;
        s->instance = out_->create(s->id, std::nullopt);
        while (std::optional<DynInput::Item> item = inp_->try_next()) {
          join->add();
          spawn(*ex, discard(std::move(item->port)),
                [join](std::exception_ptr) { join->finish(); });
        }
        join->add();
        spawn(*ex, pump(std::move(s)), [join](std::exception_ptr) { join->finish(); });
      }
    }
  } catch (...) {
    error = std::current_exception();  // still join below: the pumps use ctx
  }
  join->finish();
  co_await join->done.wait();
  progress->finish();
  if (error) std::rethrow_exception(error);
}

}  // namespace rill::media
