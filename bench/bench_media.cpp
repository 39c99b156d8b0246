// Media source benchmarks (issue 12): media.decode720p (VideoInput against `ffmpeg -f null`) and
// media.image_decode (ImageInput against a cv::imread loop). Rill and its peer run alternately in
// the same process run, on the same files; the median of each side is reported.
// Prints one JSON object per result (protocol in bench/CMakeLists.txt).

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <spdlog/spdlog.h>

#include "bench_report.hpp"
#include "media_bench.hpp"
#include "rill/media/video_reader.hpp"

namespace {

using rill::bench::emit;
using rill::bench::json_str;
using rill::bench::median;
using rill::bench::rate;
using rill::bench::Timing;
using rill::bench::wanted;

constexpr int kRuns = 3;  // per side; alternated, so a burst of load hits both
rill::bench::Sides g_sides;

/// One video into a per-stream subgraph holding only the null sink.
std::string decode_toml(const std::string& video, int decode_threads) {
  return fmt::format(R"(
main = "main"
[[graphs]]
name = "stream"
inputs = [{{ name = "inp", cap = 4, ports = ["sink:inp"] }}]
nodes = [{{ name = "sink", ty = "FrameSink" }}]

[[graphs]]
name = "main"
nodes = [
  {{ name = "src", ty = "VideoInput", urls = ['{}'], progress = false, decode_threads = {} }},
  {{ name = "per_stream", ty = "stream" }},
]
connections = [{{ cap = 4, ports = ["src:out", "per_stream:inp"] }}]
)",
                     video, decode_threads);
}

std::int64_t count_frames(const std::string& video) {
  rill::media::VideoReader reader(video);
  std::int64_t n = 0;
  while (reader.next()) ++n;
  return n;
}

void bench_decode(const std::string& video, const std::string& filter) {
  const std::int64_t frames = count_frames(video);
  auto peer_cmd = [&](int n, const char* limit = "") {
    return fmt::format("ffmpeg -nostdin -v error -threads {} -i {} {} -pix_fmt bgr24 -f null -", n,
                       rill::bench::shell_quote(video), limit);
  };
  // Warm-up: the file in the page cache, the pools and the decoder's code paged in.
  if (g_sides.peer) rill::bench::timed_command(peer_cmd(1));
  if (g_sides.rill) rill::bench::run_toml(decode_toml(video, 1), frames);
  for (int n : {1, 2}) {
    const std::string name = fmt::format("media.decode720p.t{}", n);
    if (!wanted(filter, name)) continue;
    std::vector<Timing> rill_runs, peer_runs;
    for (int i = 0; i < kRuns; ++i) {
      if (g_sides.rill) rill_runs.push_back(rill::bench::run_toml(decode_toml(video, n), frames));
      if (g_sides.peer) peer_runs.push_back(rill::bench::timed_command(peer_cmd(n)));
    }
    // ffmpeg's wall time includes starting the process and opening the file, which rill's
    // in-process graph pays only in part: one frame's run shows how much (reported, not
    // subtracted, since the peer is the command as users run it).
    std::vector<Timing> startup;
    for (int i = 0; g_sides.peer && i < kRuns; ++i) {
      startup.push_back(rill::bench::timed_command(peer_cmd(n, "-frames:v 1")));
    }
    const Timing rill_t = median(rill_runs), peer_t = median(peer_runs);
    const auto count = static_cast<double>(frames);
    emit(name, rate(count, rill_t), rate(count, peer_t), "fps",
         json_str("target", "ratio ≥ 0.95") +
             rill::bench::cpu_extra(rill_t, peer_t, count,
                                    {{"peer_one_frame_ms", median(startup).wall * 1e3}}) +
             json_str("notes",
                      fmt::format("VideoInput (decode_threads = {0}) -> per-stream null sink "
                                  "asking each frame for BGR, {1} frames of the 720p H.264 "
                                  "sample; peer: ffmpeg -threads {0} -pix_fmt bgr24 -f null; "
                                  "median of {2}",
                                  n, frames, kRuns)));
  }
}

/// Writes the first `count` frames of `video` as JPEG files (OpenCV's default quality, 95).
std::vector<std::string> write_jpegs(const std::string& video, const std::filesystem::path& dir,
                                     int count) {
  rill::media::VideoReader reader(video);
  std::vector<std::string> files;
  while (static_cast<int>(files.size()) < count) {
    std::shared_ptr<rill::Frame> f = reader.next();
    if (!f) break;
    std::shared_ptr<const rill::Frame> bgr = rill::as_bgr(f);
    cv::Mat mat(bgr->height(), bgr->width(), CV_8UC3, bgr->data(), bgr->stride());
    std::string path = (dir / fmt::format("frame_{:04}.jpg", files.size())).string();
    if (!cv::imwrite(path, mat)) rill::bench::die("cannot write " + path);
    files.push_back(std::move(path));
  }
  if (static_cast<int>(files.size()) < count) {
    rill::bench::die(fmt::format("{} has only {} frames", video, files.size()));
  }
  return files;
}

Timing imread_loop(const std::vector<std::string>& files) {
  return rill::bench::timed([&] {
    for (const std::string& f : files) {
      cv::Mat m = cv::imread(f, cv::IMREAD_COLOR);
      if (m.empty()) rill::bench::die("cv::imread cannot read " + f);
    }
  });
}

void bench_image_decode(const std::string& video) {
  constexpr int kImages = 200;
  rill::bench::ScratchDir dir;
  const std::vector<std::string> files = write_jpegs(video, dir.path(), kImages);
  const std::string toml = fmt::format(R"(
main = "main"
[[graphs]]
name = "main"
nodes = [
  {{ name = "src", ty = "ImageInput", urls = ['{}'], progress = false }},
  {{ name = "sink", ty = "FrameSink" }},
]
connections = [{{ cap = 4, ports = ["src:out", "sink:inp"] }}]
)",
                                       dir.path().string());
  // Warm-up (the files were just written: already in the page cache).
  if (g_sides.peer) imread_loop(files);
  if (g_sides.rill) rill::bench::run_toml(toml, kImages);
  std::vector<Timing> rill_runs, peer_runs;
  for (int i = 0; i < kRuns; ++i) {
    if (g_sides.rill) rill_runs.push_back(rill::bench::run_toml(toml, kImages));
    if (g_sides.peer) peer_runs.push_back(imread_loop(files));
  }
  const Timing rill_t = median(rill_runs), peer_t = median(peer_runs);
  emit("media.image_decode", rate(kImages, rill_t), rate(kImages, peer_t), "images/s",
       json_str("target", "ratio ≥ 1.0") + rill::bench::cpu_extra(rill_t, peer_t, kImages) +
           json_str("notes", fmt::format("ImageInput -> null sink over {} 1280x720 JPEGs (frames "
                                         "of the sample video, quality 95) on the shared pool "
                                         "({} threads); peer: cv::imread loop; median of {}",
                                         kImages, std::thread::hardware_concurrency(), kRuns)));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string filter = rill::bench::filter_arg(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  g_sides = rill::bench::Sides::parse(argc, argv);
  const std::string video = rill::bench::sample_video(argc, argv);
  const bool decode =
      wanted(filter, "media.decode720p.t1") || wanted(filter, "media.decode720p.t2");
  const bool images = wanted(filter, "media.image_decode");
  if ((decode || images) && !std::filesystem::exists(video)) {
    rill::bench::die(video + " is missing: build the target rill_sample_video");
  }
  if (decode) bench_decode(video, filter);
  if (images) bench_image_decode(video);
  return 0;
}
