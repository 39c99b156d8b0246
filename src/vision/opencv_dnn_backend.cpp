#include <bit>
#include <cstring>
#include <map>
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

// N x C x H x W -> N x H x W x C, in `store` (grown when too small, else reused).
cv::Mat to_nhwc(const cv::Mat& nchw, cv::Mat& store) {
  const int n = nchw.size[0], c = nchw.size[1], h = nchw.size[2], w = nchw.size[3];
  const int shape[] = {n, h, w, c};
  if (store.total() < nchw.total()) store.create(1, static_cast<int>(nchw.total()), CV_32F);
  cv::Mat out(4, shape, CV_32F, store.data);
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

// Models exported for a batch of 1 may concatenate batch-1 constants to their activations (zero
// channels, as BlazeFace does), which makes any other batch fail. Those constants (`Const` inputs
// of a Concat whose first dimension is 1) are repeated `n` times along that dimension.
void widen_batch_constants(cv::dnn::Net& net, int n) {
  for (const std::string& name : net.getLayerNames()) {
    const int id = net.getLayerId(name);
    if (net.getLayer(id)->type != "Concat") continue;
    for (const cv::Ptr<cv::dnn::Layer>& in : net.getLayerInputs(id)) {
      // A constant feeding several Concats is widened at its first: then its batch is n.
      if (in->type != "Const" || in->blobs.empty()) continue;
      const cv::Mat one = in->blobs[0];
      if (one.dims < 2 || one.size[0] != 1) continue;
      std::vector<int> shape(one.size.p, one.size.p + one.dims);
      shape[0] = n;
      cv::Mat wide(shape, one.type());
      const std::size_t bytes = one.total() * one.elemSize();
      for (int i = 0; i < n; ++i) std::memcpy(wide.data + bytes * i, one.data, bytes);
      in->blobs[0] = wide;
    }
  }
}

}  // namespace

// OpenCV sets a whole net up again (allocation, layer fusion, weight packing) whenever its input
// shape changes, which for BlazeFace costs as much as four frames' detection. A shared detector's
// batches vary in size from one to the next, so the backend keeps one net per batch size it runs
// and only ever runs powers of two: a batch of 7 is forwards of 4, 2 and 1, each net set up once.
// Batching gains OpenCV little on the CPU (per frame, a batch of 8 costs ~8 % less than single
// frames), so the split costs less than one re-setup; and powers of two bound the nets (and their
// activation memory) to log2 of the largest batch.
struct OpenCvDnnBackend::Impl {
  std::filesystem::path path;
  std::string bytes;  // the model file, to load a net for each batch size
  std::string input_name;
  TensorLayout layout = TensorLayout::kNCHW;
  cv::Size size;
  int channels = 0;
  std::int64_t declared_batch = -1;  // -1: the model leaves the batch open
  std::vector<std::string> outputs;

  std::mutex mu;
  std::map<int, cv::dnn::Net> nets;  // by batch size; guarded by mu
  // Room for the NHWC copy of a batch, kept from one forward to the next: a fresh block that size
  // (1.5 MB for eight BlazeFace inputs) comes from mmap or a trimmed heap and is page-faulted in
  // again every time (docs/architecture.md, Vision). Guarded by mu.
  cv::Mat nhwc_store;

  [[nodiscard]] std::string where() const { return fmt::format("model '{}'", path.string()); }
  cv::dnn::Net& net_for(int n);
  void run(int n, const cv::Mat& input, int first, std::vector<cv::Mat>& outs);
};

cv::dnn::Net& OpenCvDnnBackend::Impl::net_for(int n) {
  auto it = nets.find(n);
  if (it != nets.end()) return it->second;
  cv::dnn::Net net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
  net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  if (declared_batch == 1 && n > 1) widen_batch_constants(net, n);
  return nets.emplace(n, std::move(net)).first->second;
}

// Forwards samples [first, first + n) of `input` through the net of batch n.
void OpenCvDnnBackend::Impl::run(int n, const cv::Mat& input, int first,
                                 std::vector<cv::Mat>& outs) {
  std::vector<int> shape(input.size.p, input.size.p + input.dims);
  shape[0] = n;
  // A view of the samples (the blob is contiguous, samples one after the other).
  const cv::Mat part(shape, CV_32F, const_cast<float*>(input.ptr<float>(first)));
  cv::dnn::Net& net = net_for(n);
  net.setInput(part, input_name);
  net.forward(outs, outputs);
}

OpenCvDnnBackend::OpenCvDnnBackend(std::filesystem::path onnx_path)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = std::move(onnx_path);
  m.bytes = detail::read_model_file(m.path);

  detail::OnnxGraphInfo info;
  try {
    info = detail::read_onnx_graph_info(m.bytes);
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

  // The net of the smallest batch (the model's own batch when it fixes one) is loaded now, so
  // that a model OpenCV cannot build fails here; nets for other batch sizes follow on demand.
  const int first_batch = m.declared_batch > 1 ? static_cast<int>(m.declared_batch) : 1;
  try {
    cv::dnn::Net& net = m.net_for(first_batch);
    m.outputs = net.getUnconnectedOutLayersNames();
    if (net.empty() || m.outputs.empty()) {
      throw ModelError(fmt::format("{}: OpenCV loaded no layers from it", m.where()));
    }
  } catch (const cv::Exception& e) {
    throw ModelError(fmt::format("{}: OpenCV cannot load it: {}", m.where(), e.err));
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

  Blobs result;
  std::lock_guard<std::mutex> lock(m.mu);
  const cv::Mat input =
      m.layout == TensorLayout::kNHWC ? to_nhwc(contiguous, m.nhwc_store) : contiguous;
  std::vector<cv::Mat> outs;
  std::vector<cv::Mat> whole(m.outputs.size());  // each output for all n samples
  // Powers of two, largest first (a model with a fixed batch runs whole: n is that batch).
  for (int done = 0; done < n;) {
    const int part = m.declared_batch > 1
                         ? n
                         : static_cast<int>(std::bit_floor(static_cast<unsigned>(n - done)));
    try {
      m.run(part, input, done, outs);
    } catch (const cv::Exception& e) {
      throw ModelError(
          fmt::format("{}: forward on a batch of {} failed: {}", m.where(), part, e.err));
    }
    for (std::size_t i = 0; i < outs.size(); ++i) {
      const cv::Mat& out = outs[i];
      if (out.dims < 1 || out.size[0] != part || !out.isContinuous()) {
        throw ModelError(fmt::format("{}: output '{}' does not start with the batch dimension",
                                     m.where(), m.outputs[i]));
      }
      if (whole[i].empty()) {
        std::vector<int> shape(out.size.p, out.size.p + out.dims);
        shape[0] = n;
        whole[i].create(shape, out.type());
      }
      // The net reuses its output buffers on the next forward (under the lock still held
      // here); the caller gets its own.
      const std::size_t sample = out.total() / static_cast<std::size_t>(part) * out.elemSize();
      std::memcpy(whole[i].data + sample * static_cast<std::size_t>(done), out.data,
                  sample * static_cast<std::size_t>(part));
    }
    done += part;
  }
  for (std::size_t i = 0; i < whole.size(); ++i) result.emplace(m.outputs[i], whole[i]);
  return result;
}

std::vector<int> OpenCvDnnBackend::net_batch_sizes() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<int> sizes;
  for (const auto& [n, net] : impl_->nets) sizes.push_back(n);
  return sizes;
}

}  // namespace rill::vision
