#include "video_input.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "progress.hpp"
#include "rill/core/event.hpp"
#include "rill/media/stream_pump.hpp"

namespace rill::media {

namespace {

/// Counts the node's running tasks; `done` is set when the last one finishes.
struct Join {
  std::atomic<int> running{1};  // exec's own share
  Event done;
  void add() { running.fetch_add(1); }
  void finish() {
    if (running.fetch_sub(1) == 1) done.set();
  }
};

/// Reads an instance's output end to its end, discarding (MegFlow's VideoInput does the same).
Task<> discard(InputPort port) {
  for (;;) {
    std::optional<Envelope> e = co_await port.recv();
    if (!e && port.last_status() == RecvStatus::kEnd) co_return;
  }
}

}  // namespace

VideoInput::VideoInput(const NodeConfig& config)
    : repeat_(config.arg(kRepeat)), progress_(config.arg(kProgress)) {
  const List& urls = config.arg(kUrls);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (!urls[i].is_string()) {
      throw std::invalid_argument(fmt::format("urls[{}] must be a string (a path or a URL)", i));
    }
    urls_.push_back(urls[i].as_string());
  }
  options_.reader.decoder_threads = static_cast<int>(config.arg(kDecodeThreads));
  options_.reader.rtsp_transport = config.arg(kTransport);
  options_.reader.open_timeout = std::chrono::milliseconds(config.arg(kOpenTimeout));
  options_.reader.read_timeout = std::chrono::milliseconds(config.arg(kReadTimeout));
  options_.reconnect.give_up_after = std::chrono::milliseconds(config.arg(kReconnect));
  options_.realtime = config.arg(kRealtime);
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
        StreamTarget t;
        t.id = ++id;  // MegFlow numbers video streams from 1
        t.ctx = &ctx;
        t.on_total = [progress](std::uint64_t n) { progress->add_total(n); };
        t.on_frame = [progress] { progress->advance(); };
        t.instance = out_->create(t.id, std::nullopt);
        while (std::optional<DynInput::Item> item = inp_->try_next()) {
          join->add();
          spawn(*ex, discard(std::move(item->port)),
                [join](std::exception_ptr) { join->finish(); });
        }
        join->add();
        spawn(*ex, pump_stream(url, options_, std::move(t)),
              [join](std::exception_ptr) { join->finish(); });
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
