#include "live_source.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace rill::media {
namespace {

using Clock = std::chrono::steady_clock;

// Frames in flight between the reader thread and the pipeline: enough to ride out jitter,
// few enough that a stalled pipeline holds the reader back at once.
constexpr std::size_t kQueueFrames = 4;

}  // namespace

LiveSource::LiveSource(std::string url, ReaderOptions options, ReconnectPolicy policy)
    : url_(std::move(url)), options_(std::move(options)), policy_(policy) {
  options_.cancel = &cancel_;
  auto [tx, rx] = make_channel<Item>(kQueueFrames);
  rx_ = std::move(rx);
  thread_ = std::thread([this, tx = std::move(tx)]() mutable { run(std::move(tx)); });
}

LiveSource::~LiveSource() {
  cancel_.store(true);
  rx_.release();  // a reader blocked on a full queue sees the queue closed
  if (thread_.joinable()) thread_.join();
}

Task<LiveSource::Next> LiveSource::next_for(std::chrono::milliseconds wait) {
  RecvResult<Item> r = co_await rx_.recv_for(wait);
  if (r.status == RecvStatus::kTimeout) co_return Next{nullptr, true};
  if (r.status != RecvStatus::kValue || !r.value) co_return Next{};
  if (!r.value->error.empty()) throw MediaError(r.value->error);
  co_return Next{std::move(r.value->frame), false};
}

void LiveSource::run(Sender<Item> tx) {
  bool connected_once = false;
  auto delay = policy_.first_delay;
  Clock::time_point last_frame = Clock::now();
  std::int64_t next_index = 0;
  std::int64_t last_pts = -1;
  std::string failure;
  while (!cancel_.load()) {
    try {
      VideoReader reader(url_, options_);
      if (connected_once) reconnects_.fetch_add(1);
      connected_once = true;
      delay = policy_.first_delay;
      std::int64_t pts_offset = 0;
      bool first = true;
      while (std::shared_ptr<Frame> f = reader.next()) {
        // Positions continue across reconnections: the pipeline sees one stream.
        if (first) pts_offset = last_pts < 0 ? 0 : last_pts + 1 - f->pts;
        first = false;
        f->pts += pts_offset;
        last_pts = f->pts;
        f->frame_index = next_index++;
        last_frame = Clock::now();
        if (tx.send_blocking(Item{std::move(f), {}}) != SendStatus::kOk) return;  // consumer gone
      }
      throw MediaError(url_ + ": the source ended the stream");
    } catch (const MediaError& e) {
      if (cancel_.load()) break;
      if (!connected_once) {
        failure = e.what();  // a source that never answered is an error, not a retry loop
        break;
      }
      if (policy_.give_up_after.count() == 0 || Clock::now() - last_frame > policy_.give_up_after) {
        failure = fmt::format("{} (gave up reconnecting after {} ms without a frame)", e.what(),
                              policy_.give_up_after.count());
        break;
      }
      spdlog::warn("{}; reconnecting in {} ms", e.what(), delay.count());
      // Sleep in short slices so a stopping graph is not kept waiting.
      for (auto slept = std::chrono::milliseconds(0); slept < delay && !cancel_.load();
           slept += std::chrono::milliseconds(20)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      delay = std::min(delay * 2, policy_.max_delay);
    }
  }
  if (!failure.empty()) tx.send_blocking(Item{nullptr, std::move(failure)});
}

}  // namespace rill::media
