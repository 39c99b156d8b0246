#include "video_writer_node.hpp"

#include <exception>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sink_message.hpp"

namespace rill::media {

VideoWriterNode::VideoWriterNode(const NodeConfig& config) : path_(config.arg(kPath)) {
  if (path_.empty()) throw std::invalid_argument("VideoWriter: `path` is empty");
  options_.fps = config.arg(kFps);
  options_.crf = static_cast<int>(config.arg(kCrf));
  options_.preset = config.arg(kPreset);
  options_.threads = static_cast<int>(config.arg(kThreads));
}

void VideoWriterNode::init(Context& ctx) {
  in_ = &ctx[kIn];
  out_ = &ctx[kOut];
}

// NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): the driver owns ctx
Task<> VideoWriterNode::exec(Context& ctx) {
  std::optional<Envelope> e = co_await in_->recv();
  if (!e) {
    if (in_->ended()) close_all(ctx);
    co_return;
  }
  std::shared_ptr<const Frame> frame = data_frame(*e, "VideoWriter");
  std::string path = expand_pattern(path_, {{"stream", std::to_string(stream_of(*e, *frame))}});
  auto it = writers_.find(path);
  if (it == writers_.end()) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      throw MediaError(fmt::format("VideoWriter: cannot create the directory {}: {}",
                                   parent.string(), ec.message()));
    }
    it = writers_.emplace(path, std::make_unique<VideoWriter>(path, options_)).first;
  }
  it->second->write(*frame);
  co_await out_->send(std::move(*e));
}

void VideoWriterNode::close_all(const Context& ctx) {
  std::exception_ptr first;
  for (auto& [path, w] : writers_) {
    try {
      w->close();
      spdlog::info("{}: wrote {} frames ({}x{}, {}) to {}", ctx.path(), w->frames(), w->width(),
                   w->height(), w->encoder(), path);
    } catch (...) {
      if (!first) first = std::current_exception();
    }
  }
  writers_.clear();
  if (first) std::rethrow_exception(first);
}

void VideoWriterNode::finalize(Context& /*ctx*/) {
  writers_.clear();  // after a failure or a stop: each closes itself, logging any error
}

}  // namespace rill::media
