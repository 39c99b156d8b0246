#pragma once
// The declared inputs and outputs of an ONNX model, read straight from its protobuf bytes.
// OpenCV 4.6 parses the same file but does not say what input shape it expects, and a backend
// must know the input's size and memory layout before it can feed the model anything.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rill::vision::detail {

struct OnnxTensorInfo {
  std::string name;
  int elem_type = 0;               ///< ONNX TensorProto.DataType (1 = float)
  std::vector<std::int64_t> dims;  ///< -1 for a dimension the model leaves open
};

struct OnnxGraphInfo {
  std::vector<OnnxTensorInfo> inputs;  ///< graph inputs that are not initializers (weights)
  std::vector<OnnxTensorInfo> outputs;
};

/// Reads the graph's inputs and outputs from a serialized ONNX ModelProto. Only the few fields
/// needed are decoded; everything else is skipped by wire type. Throws std::runtime_error for
/// bytes that are not a well-formed protobuf or hold no graph.
OnnxGraphInfo read_onnx_graph_info(std::string_view model);

}  // namespace rill::vision::detail
