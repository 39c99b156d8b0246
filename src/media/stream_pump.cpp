#include "rill/media/stream_pump.hpp"

#include <spdlog/spdlog.h>

#include "live_source.hpp"
#include "rill/core/timer.hpp"

namespace rill::media {

StreamControl::State StreamControl::state() const {
  std::lock_guard g(mu_);
  return state_;
}

std::string StreamControl::error() const {
  std::lock_guard g(mu_);
  return error_;
}

StreamControl::State StreamControl::wait_started(std::chrono::milliseconds wait) const {
  std::unique_lock g(mu_);
  cv_.wait_for(g, wait, [this] { return state_ != State::kOpening; });
  return state_;
}

void StreamControl::set_state(State s, std::string error) {
  {
    std::lock_guard g(mu_);
    state_ = s;
    error_ = std::move(error);
  }
  cv_.notify_all();
}

namespace {

using Clock = std::chrono::steady_clock;

class Pump {
 public:
  Pump(std::string url, StreamOptions options, StreamTarget target)
      : url_(std::move(url)), options_(std::move(options)), t_(std::move(target)) {}

  Task<> run() {
    std::string error;
    try {
      if (is_live_url(url_)) {
        co_await live();
      } else {
        co_await file();
      }
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (!error.empty()) {
      spdlog::error("{}: stream {}: {}", t_.ctx->path(), t_.id, error);
      t_.ctx->counters().errors.fetch_add(1, std::memory_order_relaxed);
      set_state(StreamControl::State::kFailed, error);
    } else {
      set_state(StreamControl::State::kEnded);
    }
    t_.instance->close();
    co_await t_.instance->wait();
  }

 private:
  // How long a live pump waits on a silent camera before it looks whether it should stop.
  static constexpr std::chrono::milliseconds kStopCheck{200};

  [[nodiscard]] bool stopping() const {
    return t_.ctx->stop_requested() || (t_.control && t_.control->stop_requested());
  }

  void set_state(StreamControl::State s, std::string error = {}) {
    if (t_.control) t_.control->set_state(s, std::move(error));
  }

  /// Sends one frame; false once the stream should end (instance closing, stop, graph stop).
  Task<bool> send(std::shared_ptr<Frame> f) {
    if (!started_) {
      started_ = true;
      set_state(StreamControl::State::kRunning);
    }
    f->stream_id = static_cast<std::int64_t>(t_.id);
    Info info;
    info.set_from_addr(t_.id);
    info.set_partial_id(static_cast<std::uint64_t>(f->frame_index));
    Map msg;
    msg.set("data", Value(std::shared_ptr<const Frame>(std::move(f))));
    SendStatus st = co_await t_.instance->input().send(Envelope(Value(std::move(msg)), info));
    if (t_.on_frame) t_.on_frame();
    co_return st == SendStatus::kOk && !stopping();
  }

  Task<> file() {
    VideoReader reader(url_, options_.reader);
    if (t_.on_total) t_.on_total(static_cast<std::uint64_t>(reader.info().frames_estimate));
    Clock::time_point start{};
    double first_seconds = 0;
    while (!stopping()) {
      std::shared_ptr<Frame> f = reader.next();
      if (!f) break;
      if (options_.realtime) {
        double at = reader.seconds(f->pts);
        if (start == Clock::time_point{}) {
          start = Clock::now();
          first_seconds = at;
        }
        auto due = start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(at - first_seconds));
        co_await sleep_for(due - Clock::now());
      }
      if (!co_await send(std::move(f))) break;
    }
    if (reader.corrupt() > 0) {
      spdlog::warn("{}: stream {} ({}): {} corrupt packets skipped", t_.ctx->path(), t_.id, url_,
                   reader.corrupt());
    }
  }

  Task<> live() {
    LiveSource source(url_, options_.reader, options_.reconnect);
    while (!stopping()) {
      LiveSource::Next next = co_await source.next_for(kStopCheck);
      if (next.timed_out) continue;
      if (!next.frame || !co_await send(std::move(next.frame))) break;
    }
  }

  std::string url_;
  StreamOptions options_;
  StreamTarget t_;
  bool started_ = false;
};

}  // namespace

Task<> pump_stream(std::string url, StreamOptions options, StreamTarget target) {
  Pump pump(std::move(url), std::move(options), std::move(target));
  co_await pump.run();
}

}  // namespace rill::media
