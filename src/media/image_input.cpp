#include "image_input.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "file_list.hpp"
#include "progress.hpp"
#include "rill/core/event.hpp"
#include "rill/media/image_decode.hpp"

namespace rill::media {
namespace {

/// One file being decoded ahead of its turn.
struct Slot {
  std::string path;
  std::shared_ptr<Frame> frame;
  std::string error;
  Event done;
};

Task<> decode_into(std::shared_ptr<Slot> slot) {
  try {
    slot->frame = read_image(slot->path);
  } catch (const std::exception& e) {
    slot->error = e.what();
  }
  slot->done.set();
  co_return;
}

/// Reads `port` to its end, discarding; sets `done` then.
Task<> drain(InputPort* port, std::shared_ptr<Event> done) {
  for (;;) {
    std::optional<Envelope> e = co_await port->recv();
    if (!e && port->last_status() == RecvStatus::kEnd) break;
  }
  done->set();
}

}  // namespace

ImageInput::ImageInput(const NodeConfig& config)
    : recursive_(config.arg(kRecursive)), progress_(config.arg(kProgress)) {
  const List& urls = config.arg(kUrls);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (!urls[i].is_string()) {
      throw std::invalid_argument(fmt::format("urls[{}] must be a string (a path or a glob)", i));
    }
    urls_.push_back(urls[i].as_string());
  }
}

void ImageInput::init(Context& ctx) {
  inp_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

Task<> ImageInput::exec(Context& ctx) {
  Executor* ex = Executor::current();
  if (ex == nullptr) throw std::logic_error("ImageInput: exec must run on an executor");
  auto drained = std::make_shared<Event>();
  spawn(*ex, drain(inp_, drained));

  FileList list = list_files(urls_, recursive_);
  for (const std::string& p : list.problems) spdlog::warn("{}: {}", ctx.path(), p);
  Progress progress(ctx.path(), list.files.size(), "images", progress_ ? stderr : nullptr);

  // Decode a few files ahead on the pool (every thread busy, plus one queued each), emit in order.
  const std::size_t window = 2 * static_cast<std::size_t>(std::max(1, ex->thread_count()));
  std::deque<std::shared_ptr<Slot>> ahead;
  std::size_t next = 0;
  std::uint64_t sent = 0;
  std::uint64_t skipped = 0;
  while (!ctx.stop_requested()) {
    while (ahead.size() < window && next < list.files.size()) {
      auto slot = std::make_shared<Slot>();
      slot->path = list.files[next++];
      spawn(*ex, decode_into(slot));
      ahead.push_back(std::move(slot));
    }
    if (ahead.empty()) break;
    std::shared_ptr<Slot> slot = std::move(ahead.front());
    ahead.pop_front();
    co_await slot->done.wait();
    progress.advance();
    if (!slot->error.empty()) {
      spdlog::warn("{}: skipped {}", ctx.path(), slot->error);
      ++skipped;
      continue;
    }
    Map msg;
    msg.set("data", Value(std::shared_ptr<const Frame>(std::move(slot->frame))));
    msg.set("extra_data", Value(std::filesystem::path(slot->path).stem().string()));
    Envelope e{Value(std::move(msg))};
    e.info().set_partial_id(sent++);
    if (co_await out_->send(std::move(e)) == SendStatus::kClosed) break;
  }
  for (const auto& slot : ahead) co_await slot->done.wait();  // never leave a decode running
  progress.finish();
  if (skipped > 0) {
    spdlog::warn("{}: {} of {} files were not images and were skipped", ctx.path(), skipped,
                 list.files.size());
  }
  out_->close();  // end-of-stream downstream: a loop back into `inp` can now end
  co_await drained->wait();
}

}  // namespace rill::media
