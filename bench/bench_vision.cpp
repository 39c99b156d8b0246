// Vision benchmarks (issue 12): vision.batch.b1/b4/b8, BlazeFace face detection (rill's BlazeFace
// operator: letterbox, one backend call per batch, anchor decoding, weighted NMS) against the bare
// OpenCV DNN forward a user would write for the same batch, on the same decoded frames.
// Rill and the peer alternate batch by batch. Prints one JSON object per result (protocol in
// bench/CMakeLists.txt).

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

#include "bench_report.hpp"
#include "media_bench.hpp"
#include "rill/media/video_reader.hpp"
#include "rill/vision/face_detect.hpp"

namespace {

using rill::bench::emit;
using rill::bench::json_str;
using rill::bench::median;
using rill::bench::rate;
using rill::bench::Timing;
using rill::bench::wanted;

constexpr int kRuns = 3;         // per side, alternated
constexpr int kFrames = 32;      // distinct frames, spread over the video
constexpr int kPerRun = 192;     // frames detected per run (a multiple of every batch size)
constexpr int kInputSide = 128;  // BlazeFace front

/// BGR copies of `count` frames spread over the video.
std::vector<cv::Mat> sample_frames(const std::string& video, int count) {
  rill::media::VideoReader reader(video);
  const std::int64_t total = std::max<std::int64_t>(reader.info().frames_estimate, count);
  const std::int64_t step = std::max<std::int64_t>(1, total / count);
  std::vector<cv::Mat> frames;
  while (static_cast<int>(frames.size()) < count) {
    std::shared_ptr<rill::Frame> f = reader.next();
    if (!f) break;
    if (f->frame_index % step != 0) continue;
    std::shared_ptr<const rill::Frame> bgr = rill::as_bgr(f);
    frames.push_back(
        cv::Mat(bgr->height(), bgr->width(), CV_8UC3, bgr->data(), bgr->stride()).clone());
  }
  if (frames.empty()) rill::bench::die(video + ": no frames");
  return frames;
}

/// The peer: what a user writes with plain OpenCV. This export takes N x 128 x 128 x 3 (NHWC)
/// RGB in [0, 1], so each image is letterboxed into 128 x 128 (the same area resampling rill
/// uses), turned RGB and float, and laid into an N x H x W x C blob; then setInput and one
/// forward of the four output heads. The export is fixed to a batch of 1 and OpenCV refuses a
/// larger blob, so the user then runs one forward per image: batched() says which it does.
class PlainOpenCv {
 public:
  explicit PlainOpenCv(const std::string& model) : net_(cv::dnn::readNetFromONNX(model)) {
    net_.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net_.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    outputs_ = net_.getUnconnectedOutLayersNames();
  }

  /// Tries one forward of a `batch`-image blob; remembers whether OpenCV took it.
  void probe(const std::vector<cv::Mat>& images) {
    const auto level = cv::utils::logging::getLogLevel();
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);  // the refusal is loud
    try {
      forward_all(blob(images));
      batched_ = true;
    } catch (const cv::Exception&) {
      batched_ = false;
    }
    cv::utils::logging::setLogLevel(level);
  }
  [[nodiscard]] bool batched() const { return batched_; }

  void detect(const std::vector<cv::Mat>& images) {
    if (batched_) {
      forward_all(blob(images));
      return;
    }
    for (const cv::Mat& image : images) forward_all(blob({image}));
  }

 private:
  static cv::Mat blob(const std::vector<cv::Mat>& images) {
    const int shape[] = {static_cast<int>(images.size()), kInputSide, kInputSide, 3};
    cv::Mat nhwc(4, shape, CV_32F);
    cv::Mat canvas(kInputSide, kInputSide, CV_8UC3);
    cv::Mat rgb;
    for (std::size_t i = 0; i < images.size(); ++i) {
      const cv::Mat& src = images[i];
      const double fit = std::min(static_cast<double>(kInputSide) / src.cols,
                                  static_cast<double>(kInputSide) / src.rows);
      const int w = static_cast<int>(std::lround(src.cols * fit));
      const int h = static_cast<int>(std::lround(src.rows * fit));
      canvas.setTo(cv::Scalar::all(0));
      cv::Mat inner = canvas(cv::Rect((kInputSide - w) / 2, (kInputSide - h) / 2, w, h));
      cv::resize(src, inner, inner.size(), 0, 0, cv::INTER_AREA);
      cv::cvtColor(canvas, rgb, cv::COLOR_BGR2RGB);
      cv::Mat sample(kInputSide, kInputSide, CV_32FC3, nhwc.ptr<float>(static_cast<int>(i)));
      rgb.convertTo(sample, CV_32F, 1.0 / 255);  // same size and type: writes into the blob
    }
    return nhwc;
  }
  void forward_all(const cv::Mat& input) {
    net_.setInput(input);
    net_.forward(outs_, outputs_);
  }

  cv::dnn::Net net_;
  std::vector<std::string> outputs_;
  std::vector<cv::Mat> outs_;
  bool batched_ = false;
};

/// The frames of run position i..i+batch (wrapping over the sample).
std::vector<cv::Mat> batch_at(const std::vector<cv::Mat>& frames, int first, int batch) {
  std::vector<cv::Mat> out;
  for (int k = 0; k < batch; ++k) out.push_back(frames[(first + k) % frames.size()]);
  return out;
}

void bench_batch(const std::string& video, const std::string& filter, rill::bench::Sides sides) {
  const std::filesystem::path model =
      std::filesystem::path(RILL_SOURCE_DIR) / rill::vision::kBlazeFaceFrontModel;
  if (!std::filesystem::exists(model)) {
    rill::bench::die(model.string() + " is missing: `make deps` fetches it");
  }
  const std::vector<cv::Mat> frames = sample_frames(video, kFrames);
  rill::vision::BlazeFace rill_detector(model);
  PlainOpenCv peer(model.string());

  for (int batch : {1, 4, 8}) {
    const std::string name = fmt::format("vision.batch.b{}", batch);
    if (!wanted(filter, name)) continue;
    std::vector<std::vector<cv::Mat>> batches;
    for (int i = 0; i < kPerRun; i += batch) batches.push_back(batch_at(frames, i, batch));
    auto detect_rill = [&](const std::vector<cv::Mat>& b) { (void)rill_detector.detect(b); };
    auto detect_peer = [&](const std::vector<cv::Mat>& b) { peer.detect(b); };
    // Warm-up at this batch size: the nets reshape (and rill widens its batch constants) once.
    peer.probe(batches.front());
    if (sides.rill) detect_rill(batches.front());
    if (sides.peer) detect_peer(batches.front());
    // Rill and the peer take turns batch by batch, so that both see the same load on a machine
    // shared with other work; a run adds up each side's times.
    std::vector<Timing> rill_runs, peer_runs;
    for (int i = 0; i < kRuns; ++i) {
      Timing r, p;
      for (const auto& b : batches) {
        if (sides.rill) r += rill::bench::timed([&] { detect_rill(b); });
        if (sides.peer) p += rill::bench::timed([&] { detect_peer(b); });
      }
      if (sides.rill) rill_runs.push_back(r);
      if (sides.peer) peer_runs.push_back(p);
    }
    const Timing rill_t = median(rill_runs), peer_t = median(peer_runs);
    const std::string peer_how = peer.batched()
                                     ? fmt::format("one forward of {}", batch)
                                     : fmt::format(
                                           "{} forwards of 1 (OpenCV refuses a batch of {} on this "
                                           "batch-1 export)",
                                           batch, batch);
    emit(name, rate(kPerRun, rill_t), rate(kPerRun, peer_t), "frames/s",
         json_str("target", "ratio ≥ 0.95") + rill::bench::cpu_extra(rill_t, peer_t, kPerRun) +
             json_str("notes",
                      fmt::format("BlazeFace front on 1280x720 BGR frames of the sample video, "
                                  "batch {}: rill's BlazeFace (letterbox, one backend call, anchor "
                                  "decoding, weighted NMS); peer: plain OpenCV DNN, letterbox, "
                                  "NHWC float blob, {} of the 4 heads, no decoding; {} frames a "
                                  "run, median of {}",
                                  batch, peer_how, kPerRun, kRuns)));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string filter = rill::bench::filter_arg(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  const rill::bench::Sides sides = rill::bench::Sides::parse(argc, argv);
  const std::string video = rill::bench::sample_video(argc, argv);
  bool any = false;
  for (int b : {1, 4, 8}) any = any || wanted(filter, fmt::format("vision.batch.b{}", b));
  if (!any) return 0;
  if (!std::filesystem::exists(video)) {
    rill::bench::die(video + " is missing: build the target rill_sample_video");
  }
  bench_batch(video, filter, sides);
  return 0;
}
