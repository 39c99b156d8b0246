#include "snapshot_node.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <opencv2/core/mat.hpp>
#include <opencv2/imgcodecs.hpp>
#include <spdlog/spdlog.h>

#include "rill/media/video_reader.hpp"  // MediaError
#include "sink_message.hpp"

namespace rill::media {
namespace {

std::string text_of(const Map& msg, std::string_view key) {
  const Value* v = msg.find(key);
  if (v == nullptr) return {};
  if (v->is_string()) return v->as_string();
  if (v->is_int()) return std::to_string(v->as_int());
  return {};
}

void make_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw MediaError(
        fmt::format("Snapshot: cannot create the directory {}: {}", dir.string(), ec.message()));
  }
}

}  // namespace

SnapshotNode::SnapshotNode(const NodeConfig& config)
    : dir_(config.arg(kDir)),
      pattern_(config.arg(kPattern)),
      quality_(static_cast<int>(config.arg(kQuality))),
      every_(config.arg(kEvery)) {
  if (dir_.empty()) throw std::invalid_argument("Snapshot: `dir` is empty");
  if (pattern_.empty()) throw std::invalid_argument("Snapshot: `pattern` is empty");
}

void SnapshotNode::init(Context& ctx) {
  in_ = &ctx[kIn];
  out_ = &ctx[kOut];
  make_dir(dir_);
}

std::string SnapshotNode::file_name(const Envelope& e, const Frame& frame, std::int64_t stream,
                                    std::uint64_t seen) const {
  std::int64_t index = frame.frame_index;
  if (index < 0) index = static_cast<std::int64_t>(e.info().partial_id().value_or(seen));
  const Map& msg = e.msg().as_map();
  return expand_pattern(pattern_, {{"stream", std::to_string(stream)},
                                   {"frame", std::to_string(index)},
                                   {"tid", text_of(msg, "tid")},
                                   {"stem", text_of(msg, "extra_data")}});
}

// NOLINTNEXTLINE(cppcoreguidelines-avoid-reference-coroutine-parameters): the driver owns ctx
Task<> SnapshotNode::exec(Context& ctx) {
  std::optional<Envelope> e = co_await in_->recv();
  if (!e) {
    if (in_->ended()) {
      spdlog::info("{}: wrote {} snapshots to {}", ctx.path(), written_, dir_.string());
    }
    co_return;
  }
  std::shared_ptr<const Frame> frame = data_frame(*e, "Snapshot");
  const std::int64_t stream = stream_of(*e, *frame);
  const std::uint64_t seen = seen_[stream]++;
  if (seen % static_cast<std::uint64_t>(every_) == 0) {
    std::filesystem::path file = dir_ / file_name(*e, *frame, stream, seen);
    std::filesystem::path parent = file.parent_path();
    if (parent != dir_ && made_dirs_.insert(parent).second) make_dir(parent);
    std::shared_ptr<const Frame> bgr = as_bgr(frame);
    // A header over the frame's own pixels: nothing is copied before the encoder reads them.
    const cv::Mat image(bgr->height(), bgr->width(), CV_8UC3, bgr->data(), bgr->stride());
    std::vector<std::uint8_t> jpeg;
    if (!cv::imencode(".jpg", image, jpeg, {cv::IMWRITE_JPEG_QUALITY, quality_})) {
      throw MediaError(fmt::format("Snapshot: cannot encode {} as JPEG", file.string()));
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out.is_open()) {
      throw MediaError(
          fmt::format("Snapshot: cannot write {}: {}", file.string(), std::strerror(errno)));
    }
    out.write(reinterpret_cast<const char*>(jpeg.data()),
              static_cast<std::streamsize>(jpeg.size()));
    out.close();
    if (!out) throw MediaError(fmt::format("Snapshot: writing {} failed", file.string()));
    ++written_;
  }
  co_await out_->send(std::move(*e));
}

}  // namespace rill::media
