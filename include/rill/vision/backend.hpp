#pragma once
// InferenceBackend: runs a neural network once on a whole batch of images. OpenCvDnnBackend
// runs ONNX models with OpenCV's DNN module on the CPU; other runtimes can implement the same
// interface, and the detectors take any of them.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace rill::vision {

/// A model that cannot be used: a missing or unreadable file, bytes that are no ONNX model, an
/// input the backend cannot feed, a forward that fails. The message names the model's path.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Memory order of a 4-D image tensor.
enum class TensorLayout : std::uint8_t { kNCHW, kNHWC };

/// The outputs of one forward, by output name.
using Blobs = std::map<std::string, cv::Mat, std::less<>>;

/// Thread safety: implementations must allow forward() from any thread (they may serialise).
class InferenceBackend {
 public:
  virtual ~InferenceBackend() = default;

  /// Width and height of one input image.
  [[nodiscard]] virtual cv::Size input_size() const = 0;
  /// Channels per input pixel (3 for colour models).
  [[nodiscard]] virtual int input_channels() const = 0;
  /// Names of the outputs forward() returns.
  [[nodiscard]] virtual const std::vector<std::string>& output_names() const = 0;

  /// Runs the model on the whole batch (an implementation may split it into a few forwards;
  /// the outputs are the same). `batch` is an N x C x H x W CV_32F blob, as
  /// cv::dnn::blobFromImages makes it, whatever layout the model itself takes. Every output's
  /// first dimension is N, and sample i's values follow sample i-1's contiguously. The returned
  /// blobs belong to the caller. Throws std::invalid_argument for a blob of the wrong type or
  /// shape, ModelError when the model fails on it.
  virtual Blobs forward(const cv::Mat& batch) = 0;
};

/// An ONNX model on OpenCV's DNN module (CPU). The input's size and layout come from the model's
/// own declaration; a model that takes NHWC gets the NCHW batch transposed for it.
///
/// Models exported for a fixed batch of 1 often hold batch-1 constants (zero channels
/// concatenated to activations, as BlazeFace does), which would make any larger batch fail.
/// The backend widens exactly those constants (inputs of a Concat whose first dimension is the
/// declared batch of 1) to the batch at hand.
///
/// OpenCV sets a net up again whenever its input's shape changes (for BlazeFace as costly as
/// four frames' detection), and a shared detector's batches change size all the time. So the
/// backend keeps one net per power-of-two batch size and runs a batch of N as forwards of N's
/// binary parts, largest first (7 = 4 + 2 + 1): every net is set up once, by its first batch,
/// and at most log2(N) + 1 of them exist. A model that fixes a batch larger than 1 runs whole.
///
/// Thread safety: forward() may be called from any thread; calls are serialised (one cv::dnn::Net
/// runs one forward at a time).
class OpenCvDnnBackend final : public InferenceBackend {
 public:
  /// Loads `onnx_path`. Throws ModelError when the file is missing, unreadable, not an ONNX
  /// model, or its first input is not a 4-D image tensor of fixed height and width.
  explicit OpenCvDnnBackend(std::filesystem::path onnx_path);
  ~OpenCvDnnBackend() override;
  OpenCvDnnBackend(const OpenCvDnnBackend&) = delete;
  OpenCvDnnBackend& operator=(const OpenCvDnnBackend&) = delete;

  [[nodiscard]] cv::Size input_size() const override;
  [[nodiscard]] int input_channels() const override;
  [[nodiscard]] const std::vector<std::string>& output_names() const override;
  Blobs forward(const cv::Mat& batch) override;

  /// The layout the model declares for its input (forward() still takes NCHW).
  [[nodiscard]] TensorLayout model_layout() const;
  [[nodiscard]] const std::string& input_name() const;
  [[nodiscard]] const std::filesystem::path& path() const;
  /// The batch sizes of the nets set up so far, ascending (for tests and diagnostics).
  [[nodiscard]] std::vector<int> net_batch_sizes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rill::vision
