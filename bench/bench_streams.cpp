// media.streams16 (issue 12): 16 concurrent 720p streams through ONE shared FaceDetect, against
// the same graph with one stream. Reports the aggregate rate ÷ the single-stream rate, the peak
// number of OS threads during the 16-stream run, and its memory per stream. `--only rill` runs
// only the 16 streams, `--only peer` only the single stream (to profile one of them).
// Prints one JSON object per result (protocol in bench/CMakeLists.txt).

#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bench_report.hpp"
#include "media_bench.hpp"
#include "rill/media/video_reader.hpp"
#include "rill/vision/face_detect.hpp"

namespace {

using rill::bench::emit;
using rill::bench::json_extra;
using rill::bench::json_str;
using rill::bench::Timing;
using rill::bench::wanted;

constexpr int kStreams = 16;
// Frames per stream of the 16: the sample's first 10 s. Long enough that opening a stream and
// filling its decoder's buffer pool weigh little, short enough that 16 streams stay within a
// minute on a loaded 2-core machine.
constexpr int kClipFrames = 250;
constexpr int kSingleRuns = 3;  // the one-stream run is short: median of three

/// VideoInput with `repeat` copies of the clip, each instance sending into the shared detector,
/// whose results come back to the instance's null sink.
std::string streams_toml(const std::string& clip, const std::string& model, int repeat) {
  return fmt::format(R"(
main = "main"

# One detector for every stream (MegFlow's shared node): frames of all streams are batched.
[[nodes]]
name = "detect"
ty = "FaceDetect"
detector = "blazeface"
model = '{}'

[[graphs]]
name = "stream"
inputs = [{{ name = "inp", cap = 4, ports = ["relay:inp"] }}]
nodes = [
  {{ name = "relay", ty = "Transform" }},
  {{ name = "sink", ty = "FrameSink" }},
]
connections = [
  {{ cap = 4, ports = ["relay:out", "detect:inp"] }},
  {{ cap = 4, ports = ["detect:out", "sink:inp"] }},
]

[[graphs]]
name = "main"
nodes = [
  {{ name = "src", ty = "VideoInput", urls = ['{}'], repeat = {}, progress = false }},
  {{ name = "per_stream", ty = "stream" }},
]
connections = [{{ cap = 4, ports = ["src:out", "per_stream:inp"] }}]
)",
                     model, clip, repeat);
}

/// What one run of the graph measured.
struct Run {
  Timing time;
  int peak_threads = 0;
  long peak_rss_kb = 0;  // VmHWM after resetting it, else the sampled peak
};

Run run_streams(const std::string& video, const std::string& model, int streams,
                std::int64_t frames_per_stream) {
  const bool hwm = rill::bench::reset_peak_rss();
  rill::bench::PeakSampler sampler;
  Run r;
  r.time = rill::bench::run_toml(streams_toml(video, model, streams), streams * frames_per_stream);
  sampler.stop();
  r.peak_threads = sampler.peak_threads();
  r.peak_rss_kb = hwm ? rill::bench::status_kb("VmHWM") : sampler.peak_rss_kb();
  return r;
}

// Steady-state rate: the frames after the first over the time from the first's arrival at a sink
// to the last's, so that opening the streams and the pipeline's start do not count.
double steady_fps(const Timing& t) {
  return t.steady > 0 ? static_cast<double>(t.frames - 1) / t.steady : 0.0;
}

double cpu_ms_per_frame(const Timing& t) {
  return t.frames > 0 ? t.cpu * 1e3 / static_cast<double>(t.frames) : 0.0;
}

void bench_streams(const std::string& video, const std::string& filter, rill::bench::Sides sides) {
  const std::filesystem::path model =
      std::filesystem::path(RILL_SOURCE_DIR) / rill::vision::kBlazeFaceFrontModel;
  if (!std::filesystem::exists(model)) {
    rill::bench::die(model.string() + " is missing: `make deps` fetches it");
  }
  rill::bench::ScratchDir dir;
  // The clip: the sample's first frames, encoded as the sample is (scripts/make_sample_video.py).
  const std::string clip = (dir.path() / "clip.mp4").string();
  rill::bench::timed_command(fmt::format(
      "ffmpeg -nostdin -v error -y -i {} -frames:v {} -an -c:v libx264 -preset fast -crf 20 "
      "-g 50 -pix_fmt yuv420p {}",
      rill::bench::shell_quote(video), kClipFrames, rill::bench::shell_quote(clip)));

  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads_before = rill::bench::os_threads();
  const std::int64_t video_frames = rill::media::VideoReader(video).info().frames_estimate;
  // Warm-up: the model file, the pools and the page cache.
  run_streams(clip, model.string(), 1, kClipFrames);
  // The single stream runs the whole sample, so that its measured stretch is seconds long too.
  Run single, many;
  if (sides.peer) {
    std::vector<Run> singles;
    for (int i = 0; i < kSingleRuns; ++i) {
      singles.push_back(run_streams(video, model.string(), 1, video_frames));
    }
    std::sort(singles.begin(), singles.end(),
              [](const Run& a, const Run& b) { return steady_fps(a.time) < steady_fps(b.time); });
    single = singles[singles.size() / 2];
  }
  if (sides.rill) many = run_streams(clip, model.string(), kStreams, kClipFrames);
  const double single_fps = steady_fps(single.time);
  const double aggregate_fps = steady_fps(many.time);
  const double rss_per_stream_mb =
      static_cast<double>(std::max(0L, many.peak_rss_kb - single.peak_rss_kb)) / 1024.0 /
      (kStreams - 1);
  if (wanted(filter, "media.streams16")) {
    emit("media.streams16", aggregate_fps, single_fps, "fps",
         json_str("target", "ratio ≥ 0.9") +
             json_extra(
                 {{"peak_threads", many.peak_threads},
                  {"rss_per_stream_mb", rss_per_stream_mb},
                  {"wall_s_16", many.time.wall},
                  {"rill_cpu_ms_per_frame_16", cpu_ms_per_frame(many.time)},
                  {"rill_cpu_ms_per_frame_1", cpu_ms_per_frame(single.time)},
                  {"cpu_ratio", cpu_ms_per_frame(many.time) > 0
                                    ? cpu_ms_per_frame(single.time) / cpu_ms_per_frame(many.time)
                                    : 0.0}}) +
             json_str("notes",
                      fmt::format("{} VideoInput streams (the sample's first {} frames each) "
                                  "through one shared FaceDetect (BlazeFace, batch_size 8) into "
                                  "per-stream null sinks: aggregate fps, steady state (first to "
                                  "last frame at the sinks); peer: the same graph with 1 stream "
                                  "of the whole sample ({} frames, median of {}). On {} cores the "
                                  "detector (with each frame's BGR conversion), not decoding, is "
                                  "the bottleneck",
                                  kStreams, kClipFrames, video_frames, kSingleRuns, cores)));
  }
  if (wanted(filter, "media.streams16.peak_threads")) {
    emit("media.streams16.peak_threads", many.peak_threads, 0, "threads",
         json_str("target", fmt::format("≤ cores + 8 (= {})", cores + 8)) +
             json_extra({{"cores", cores}, {"threads_before", threads_before}}) +
             json_str("notes",
                      "OS threads of the process during the 16-stream run (the number of "
                      "/proc/self/task entries, sampled every 10 ms; the sampler excluded)"));
  }
  if (wanted(filter, "media.streams16.rss_per_stream")) {
    emit("media.streams16.rss_per_stream", rss_per_stream_mb, 0, "MB",
         json_extra({{"peak_rss_mb_1", single.peak_rss_kb / 1024.0},
                     {"peak_rss_mb_16", many.peak_rss_kb / 1024.0}}) +
             json_str("notes",
                      "(peak RSS of the 16-stream run − that of the 1-stream run) / 15; peak = "
                      "VmHWM reset before each run"));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string filter = rill::bench::filter_arg(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  bool any = false;
  for (const char* n :
       {"media.streams16", "media.streams16.peak_threads", "media.streams16.rss_per_stream"}) {
    any = any || wanted(filter, n);
  }
  if (!any) return 0;
  const std::string video = rill::bench::sample_video(argc, argv);
  if (!std::filesystem::exists(video)) {
    rill::bench::die(video + " is missing: build the target rill_sample_video");
  }
  bench_streams(video, filter, rill::bench::Sides::parse(argc, argv));
  return 0;
}
