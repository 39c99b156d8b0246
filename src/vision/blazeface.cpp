#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/core.hpp>

#include "blazeface_anchors.hpp"
#include "rill/vision/face_detect.hpp"
#include "rill/vision/letterbox.hpp"
#include "rill/vision/nms.hpp"

namespace rill::vision {
namespace {

// BlazeFace front: anchor layers of strides 8, 16, 16, 16 over 128 x 128, i.e. 16 x 16 cells
// with 2 anchors and 8 x 8 cells with 6: 512 + 384 = 896.
constexpr int kStrides[] = {8, 16, 16, 16};
constexpr int kInputSide = 128;
constexpr int kKeypoints = 6;
// Per anchor: box centre offset (x, y), size (w, h), then (x, y) of each keypoint, all in
// pixels of the 128 x 128 input; the centre and keypoints are relative to the anchor's centre.
constexpr int kRegressorValues = 4 + 2 * kKeypoints;
// A raw score beyond this is certain either way; clipping keeps exp() finite.
constexpr float kRawScoreClip = 100;

float sigmoid(float raw) {
  return 1.0f / (1.0f + std::exp(-std::clamp(raw, -kRawScoreClip, kRawScoreClip)));
}

// One output pair of the model: scores and regressors of one anchor grid.
struct Head {
  std::string scores;
  std::string regressors;
  int first_anchor = 0;  // index of the grid's first anchor in the centre list
  int count = 0;         // anchors per sample
};

// Per-sample element count and last dimension of each output of a one-sample forward.
struct OutputShape {
  std::string name;
  std::size_t per_sample = 0;
  int last = 0;
};

std::vector<Head> find_heads(const Blobs& probe, std::span<const detail::AnchorGrid> grids,
                             const std::string& what) {
  std::vector<OutputShape> shapes;
  for (const auto& [name, blob] : probe) {
    shapes.push_back(
        {name, blob.total() / static_cast<std::size_t>(blob.size[0]), blob.size[blob.dims - 1]});
  }
  auto find = [&](int anchors, int values) -> std::string {
    for (const OutputShape& s : shapes) {
      if (s.last == values && s.per_sample == static_cast<std::size_t>(anchors) * values) {
        return s.name;
      }
    }
    std::string have;
    for (const OutputShape& s : shapes) {
      have += fmt::format("{}'{}' ({} values)", have.empty() ? "" : ", ", s.name, s.per_sample);
    }
    throw ModelError(
        fmt::format("{}: no output of {} x {} values for BlazeFace's {} anchors of "
                    "one grid; outputs: {}",
                    what, anchors, values, anchors, have));
  };
  std::vector<Head> heads;
  int first = 0;
  for (const detail::AnchorGrid& g : grids) {
    heads.push_back({find(g.count(), 1), find(g.count(), kRegressorValues), first, g.count()});
    first += g.count();
  }
  return heads;
}

// Sample `sample`'s `per_sample` values of output `name`, checked to be there.
const float* sample_values(const Blobs& out, const std::string& name, int sample, int per_sample) {
  auto it = out.find(name);
  const std::size_t end = static_cast<std::size_t>(sample + 1) * per_sample;
  if (it == out.end() || it->second.type() != CV_32F || !it->second.isContinuous() ||
      it->second.total() < end) {
    throw ModelError(
        fmt::format("BlazeFace: the backend's output '{}' is missing or too small", name));
  }
  return it->second.ptr<float>() + end - per_sample;
}

}  // namespace

struct BlazeFace::Impl {
  std::shared_ptr<InferenceBackend> backend;
  BlazeFaceOptions options;
  cv::Size input;
  std::vector<cv::Point2f> anchors;  // normalised centres, in output order
  std::vector<Head> heads;

  std::vector<Detection> decode(const Blobs& out, int sample, const Letterbox& map) const;
};

std::vector<Detection> BlazeFace::Impl::decode(const Blobs& out, int sample,
                                               const Letterbox& map) const {
  const float sx = static_cast<float>(input.width);
  const float sy = static_cast<float>(input.height);
  std::vector<Detection> found;
  for (const Head& h : heads) {
    const float* scores = sample_values(out, h.scores, sample, h.count);
    const float* regs = sample_values(out, h.regressors, sample, h.count * kRegressorValues);
    for (int j = 0; j < h.count; ++j) {
      const float score = sigmoid(scores[j]);
      if (score < options.score_threshold) continue;
      const float* r = regs + std::size_t{1} * j * kRegressorValues;
      const cv::Point2f a = anchors[h.first_anchor + j];
      const float cx = a.x * sx + r[0], cy = a.y * sy + r[1];
      const float half_w = r[2] / 2, half_h = r[3] / 2;
      Detection d;
      d.box = map.to_source(Box{cx - half_w, cy - half_h, cx + half_w, cy + half_h});
      d.score = score;
      d.keypoints.reserve(kKeypoints);
      for (int k = 0; k < kKeypoints; ++k) {
        d.keypoints.push_back(
            map.to_source(cv::Point2f(a.x * sx + r[4 + 2 * k], a.y * sy + r[5 + 2 * k])));
      }
      found.push_back(std::move(d));
    }
  }
  return weighted_nms(std::move(found), options.iou_threshold);
}

BlazeFace::BlazeFace(std::shared_ptr<InferenceBackend> backend, BlazeFaceOptions options) {
  if (!backend) throw std::invalid_argument("BlazeFace: no inference backend");
  if (!(options.score_threshold >= 0 && options.score_threshold <= 1) ||
      !(options.iou_threshold >= 0 && options.iou_threshold <= 1)) {
    throw std::invalid_argument("BlazeFace: score_threshold and iou_threshold must be in [0, 1]");
  }
  auto impl = std::make_unique<Impl>();
  const std::string what = "BlazeFace";
  impl->input = backend->input_size();
  if (impl->input != cv::Size(kInputSide, kInputSide) || backend->input_channels() != 3) {
    throw ModelError(fmt::format(
        "{}: the model takes {} x {} x {}; BlazeFace front takes 3 x {} x {}", what,
        backend->input_channels(), impl->input.height, impl->input.width, kInputSide, kInputSide));
  }
  const auto grids = detail::anchor_grids(impl->input, kStrides);
  impl->anchors = detail::anchor_centres(grids);
  // One forward on a blank image shows the outputs' shapes, so a wrong model fails here and
  // not on the first real frame.
  const int shape[] = {1, 3, impl->input.height, impl->input.width};
  impl->heads = find_heads(backend->forward(cv::Mat(4, shape, CV_32F, cv::Scalar(0))), grids, what);
  impl->backend = std::move(backend);
  impl->options = options;
  impl_ = std::move(impl);
}

BlazeFace::BlazeFace(const std::filesystem::path& model, BlazeFaceOptions options)
    : BlazeFace(std::make_shared<OpenCvDnnBackend>(model), options) {}

BlazeFace::~BlazeFace() = default;

const BlazeFaceOptions& BlazeFace::options() const { return impl_->options; }

std::vector<std::vector<Detection>> BlazeFace::detect_checked(std::span<const cv::Mat> images) {
  const Impl& m = *impl_;
  // The letterboxed images and the input blob, kept per thread from one call to the next: fresh
  // blocks of a batch's size come from mmap or a trimmed heap and are page-faulted in again every
  // time (docs/architecture.md, Vision). Per thread, since detect() may run on several at once.
  thread_local std::vector<cv::Mat> fitted;
  thread_local cv::Mat pixels;  // one letterboxed image as float
  thread_local cv::Mat blob_store;
  if (fitted.size() < images.size()) fitted.resize(images.size());
  std::vector<Letterbox> maps(images.size());
  const int n = static_cast<int>(images.size());
  const int shape[] = {n, 3, m.input.height, m.input.width};
  const std::size_t plane = static_cast<std::size_t>(m.input.area());
  if (blob_store.total() < plane * 3 * images.size()) {
    blob_store.create(1, static_cast<int>(plane * 3 * images.size()), CV_32F);
  }
  const cv::Mat batch(4, shape, CV_32F, blob_store.data);
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    maps[k] = letterbox(images[k], m.input, fitted[k]);
    // RGB scaled to [0, 1]: measured, not assumed (docs/architecture.md, Vision). BGR's
    // channels land in the blob's planes in reverse, as blobFromImages' swapRB would put them.
    fitted[k].convertTo(pixels, CV_32F, 1.0 / 255);
    std::vector<cv::Mat> planes;
    for (int c = 2; c >= 0; --c) {
      planes.emplace_back(m.input, CV_32F, const_cast<float*>(batch.ptr<float>(i, c)));
    }
    cv::split(pixels, planes);  // same sizes and type: writes into the blob, allocates nothing
  }
  const Blobs out = m.backend->forward(batch);
  std::vector<std::vector<Detection>> result(images.size());
  for (std::size_t i = 0; i < images.size(); ++i) {
    result[i] = m.decode(out, static_cast<int>(i), maps[i]);
  }
  return result;
}

}  // namespace rill::vision
