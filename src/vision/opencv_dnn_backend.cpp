#include <cstring>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "model_file.hpp"
#include "onnx_graph_info.hpp"
#include "rill/vision/backend.hpp"

namespace rill::vision {
namespace {

constexpr int kOnnxFloat = 1;  // TensorProto.DataType FLOAT

bool is_channel_count(std::int64_t d) { return d == 1 || d == 3 || d == 4; }

// Image models declare N x C x H x W or N x H x W x C. Channels are few (1, 3, 4) and images
// are larger than that, so whichever of dims 1 and 3 is a channel count tells the layout.
TensorLayout layout_of(const std::vector<std::int64_t>& dims, const std::string& where) {
  if (is_channel_count(dims[1]) && !is_channel_count(dims[3])) return TensorLayout::kNCHW;
  if (is_channel_count(dims[3]) && !is_channel_count(dims[1])) return TensorLayout::kNHWC;
  throw ModelError(fmt::format("{}: cannot tell whether input shape [{}] is NCHW or NHWC", where,
                               fmt::join(dims, ", ")));
}

// N x C x H x W -> N x H x W x C, sample by sample (merging a sample's planes interleaves them).
cv::Mat to_nhwc(const cv::Mat& nchw) {
  const int n = nchw.size[0], c = nchw.size[1], h = nchw.size[2], w = nchw.size[3];
  const int shape[] = {n, h, w, c};
  cv::Mat out(4, shape, CV_32F);
  std::vector<cv::Mat> planes(static_cast<std::size_t>(c));
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < c; ++k) {
      planes[static_cast<std::size_t>(k)] =
          cv::Mat(h, w, CV_32F, const_cast<float*>(nchw.ptr<float>(i, k)));
    }
    cv::Mat sample(h, w, CV_32FC(c), out.ptr<float>(i));
    cv::merge(planes, sample);  // same size and type: writes into `out`, allocates nothing
  }
  return out;
}

}  // namespace

struct OpenCvDnnBackend::Impl {
  // A batch-1 constant concatenated with activations, and its original per-sample value.
  struct BatchConstant {
    cv::Ptr<cv::dnn::Layer> layer;
    cv::Mat one;
  };

  std::filesystem::path path;
  std::string input_name;
  TensorLayout layout = TensorLayout::kNCHW;
  cv::Size size;
  int channels = 0;
  std::int64_t declared_batch = -1;  // -1: the model leaves the batch open
  std::vector<std::string> outputs;

  std::mutex mu;
  cv::dnn::Net net;                            // guarded by mu
  std::vector<BatchConstant> batch_constants;  // guarded by mu
  int widened_to = 1;                          // guarded by mu

  [[nodiscard]] std::string where() const { return fmt::format("model '{}'", path.string()); }
  void find_batch_constants();
  void widen_batch_constants(int n);
};

void OpenCvDnnBackend::Impl::find_batch_constants() {
  for (const std::string& name : net.getLayerNames()) {
    const int id = net.getLayerId(name);
    if (net.getLayer(id)->type != "Concat") continue;
    for (const cv::Ptr<cv::dnn::Layer>& in : net.getLayerInputs(id)) {
      if (in->type != "Const" || in->blobs.empty()) continue;
      const cv::Mat& blob = in->blobs[0];
      if (blob.dims < 2 || blob.size[0] != 1) continue;
      bool known = false;
      for (const BatchConstant& c : batch_constants) known = known || c.layer == in;
      if (!known) batch_constants.push_back({in, blob.clone()});
    }
  }
}

void OpenCvDnnBackend::Impl::widen_batch_constants(int n) {
  if (n == widened_to) return;
  for (BatchConstant& c : batch_constants) {
    std::vector<int> shape(c.one.size.p, c.one.size.p + c.one.dims);
    shape[0] = n;
    cv::Mat wide(shape, c.one.type());
    const std::size_t bytes = c.one.total() * c.one.elemSize();
    for (int i = 0; i < n; ++i) std::memcpy(wide.data + bytes * i, c.one.data, bytes);
    c.layer->blobs[0] = wide;
  }
  widened_to = n;
}

OpenCvDnnBackend::OpenCvDnnBackend(std::filesystem::path onnx_path)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = std::move(onnx_path);
  const std::string bytes = detail::read_model_file(m.path);

  detail::OnnxGraphInfo info;
  try {
    info = detail::read_onnx_graph_info(bytes);
  } catch (const std::runtime_error& e) {
    throw ModelError(fmt::format("{}: {}", m.where(), e.what()));
  }
  const detail::OnnxTensorInfo& input = info.inputs.front();
  if (input.dims.size() != 4) {
    throw ModelError(fmt::format("{}: input '{}' has {} dimensions; an image model takes 4",
                                 m.where(), input.name, input.dims.size()));
  }
  if (input.elem_type != kOnnxFloat) {
    throw ModelError(fmt::format("{}: input '{}' is not float (ONNX type {})", m.where(),
                                 input.name, input.elem_type));
  }
  m.input_name = input.name;
  m.layout = layout_of(input.dims, m.where());
  const bool nchw = m.layout == TensorLayout::kNCHW;
  const std::int64_t h = input.dims[nchw ? 2 : 1], w = input.dims[nchw ? 3 : 2];
  if (h <= 0 || w <= 0) {
    throw ModelError(
        fmt::format("{}: input '{}' has no fixed height and width", m.where(), input.name));
  }
  m.size = cv::Size(static_cast<int>(w), static_cast<int>(h));
  m.channels = static_cast<int>(input.dims[nchw ? 1 : 3]);
  m.declared_batch = input.dims[0];

  try {
    m.net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    m.net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    m.net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    m.outputs = m.net.getUnconnectedOutLayersNames();
    if (m.declared_batch == 1) m.find_batch_constants();
  } catch (const cv::Exception& e) {
    throw ModelError(fmt::format("{}: OpenCV cannot load it: {}", m.where(), e.err));
  }
  if (m.net.empty() || m.outputs.empty()) {
    throw ModelError(fmt::format("{}: OpenCV loaded no layers from it", m.where()));
  }
}

OpenCvDnnBackend::~OpenCvDnnBackend() = default;

cv::Size OpenCvDnnBackend::input_size() const { return impl_->size; }
int OpenCvDnnBackend::input_channels() const { return impl_->channels; }
const std::vector<std::string>& OpenCvDnnBackend::output_names() const { return impl_->outputs; }
TensorLayout OpenCvDnnBackend::model_layout() const { return impl_->layout; }
const std::string& OpenCvDnnBackend::input_name() const { return impl_->input_name; }
const std::filesystem::path& OpenCvDnnBackend::path() const { return impl_->path; }

Blobs OpenCvDnnBackend::forward(const cv::Mat& batch) {
  Impl& m = *impl_;
  if (batch.dims != 4 || batch.type() != CV_32F || batch.size[0] < 1 ||
      batch.size[1] != m.channels || batch.size[2] != m.size.height ||
      batch.size[3] != m.size.width) {
    throw std::invalid_argument(fmt::format("{}: forward takes an N x {} x {} x {} CV_32F blob",
                                            m.where(), m.channels, m.size.height, m.size.width));
  }
  const int n = batch.size[0];
  if (m.declared_batch > 1 && n != m.declared_batch) {
    throw std::invalid_argument(fmt::format("{}: the model takes batches of exactly {}, not {}",
                                            m.where(), m.declared_batch, n));
  }
  const cv::Mat contiguous = batch.isContinuous() ? batch : batch.clone();
  const cv::Mat input = m.layout == TensorLayout::kNHWC ? to_nhwc(contiguous) : contiguous;

  Blobs result;
  std::lock_guard<std::mutex> lock(m.mu);
  std::vector<cv::Mat> outs;
  try {
    m.widen_batch_constants(n);
    m.net.setInput(input, m.input_name);
    m.net.forward(outs, m.outputs);
  } catch (const cv::Exception& e) {
    throw ModelError(fmt::format("{}: forward on a batch of {} failed: {}", m.where(), n, e.err));
  }
  for (std::size_t i = 0; i < outs.size(); ++i) {
    if (outs[i].dims < 1 || outs[i].size[0] != n) {
      throw ModelError(fmt::format("{}: output '{}' does not start with the batch dimension",
                                   m.where(), m.outputs[i]));
    }
    // The net reuses its output buffers on the next forward (under the lock still held here);
    // the caller gets its own.
    result.emplace(m.outputs[i], outs[i].clone());
  }
  return result;
}

}  // namespace rill::vision
