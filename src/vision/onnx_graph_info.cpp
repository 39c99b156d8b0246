#include "onnx_graph_info.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace rill::vision::detail {
namespace {

// Field numbers of onnx.proto3 that lead from a ModelProto to its graph's inputs and outputs.
constexpr std::uint32_t kModelGraph = 7;
constexpr std::uint32_t kGraphInitializer = 5;
constexpr std::uint32_t kGraphInput = 11;
constexpr std::uint32_t kGraphOutput = 12;
constexpr std::uint32_t kTensorName = 8;
constexpr std::uint32_t kValueInfoName = 1;
constexpr std::uint32_t kValueInfoType = 2;
constexpr std::uint32_t kTypeTensor = 1;
constexpr std::uint32_t kTensorTypeElem = 1;
constexpr std::uint32_t kTensorTypeShape = 2;
constexpr std::uint32_t kShapeDim = 1;
constexpr std::uint32_t kDimValue = 1;

enum WireType : std::uint32_t { kVarint = 0, kFixed64 = 1, kBytes = 2, kFixed32 = 5 };

[[noreturn]] void malformed(const char* what) {
  throw std::runtime_error(std::string("not a valid ONNX model (") + what + ")");
}

// One protobuf field: its number, wire type and payload (the value of a varint, or the bytes
// of a length-delimited field).
struct Field {
  std::uint32_t number = 0;
  std::uint32_t wire = 0;
  std::uint64_t varint = 0;
  std::string_view bytes;
};

// Walks the fields of one message, bounds-checked: hostile bytes end in malformed(), never in
// a read past the buffer.
class Reader {
 public:
  explicit Reader(std::string_view msg) : rest_(msg) {}

  bool next(Field* f) {
    if (rest_.empty()) return false;
    std::uint64_t key = varint();
    if (key >> 32 != 0) malformed("field key out of range");
    f->number = static_cast<std::uint32_t>(key >> 3);
    f->wire = static_cast<std::uint32_t>(key & 7);
    if (f->number == 0) malformed("field number 0");
    switch (f->wire) {
      case kVarint:
        f->varint = varint();
        break;
      case kFixed64:
        skip(8);
        break;
      case kFixed32:
        skip(4);
        break;
      case kBytes: {
        std::uint64_t n = varint();
        if (n > rest_.size()) malformed("field runs past the end");
        f->bytes = rest_.substr(0, n);
        rest_.remove_prefix(n);
        break;
      }
      default:  // groups (3, 4) are not used by ONNX; 6 and 7 do not exist
        malformed("unknown wire type");
    }
    return true;
  }

 private:
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) malformed("truncated varint");
      auto byte = static_cast<std::uint8_t>(rest_.front());
      rest_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    malformed("varint longer than 10 bytes");
  }
  void skip(std::size_t n) {
    if (n > rest_.size()) malformed("fixed field runs past the end");
    rest_.remove_prefix(n);
  }

  std::string_view rest_;
};

std::vector<std::int64_t> read_shape(std::string_view shape) {
  std::vector<std::int64_t> dims;
  Field f;
  for (Reader shape_fields(shape); shape_fields.next(&f);) {
    if (f.number != kShapeDim || f.wire != kBytes) continue;
    std::int64_t value = -1;  // a symbolic (dim_param) or absent size stays open
    Field d;
    for (Reader dim(f.bytes); dim.next(&d);) {
      if (d.number == kDimValue && d.wire == kVarint) value = static_cast<std::int64_t>(d.varint);
    }
    dims.push_back(value > 0 ? value : -1);
  }
  return dims;
}

OnnxTensorInfo read_value_info(std::string_view info) {
  OnnxTensorInfo out;
  Field f;
  for (Reader value(info); value.next(&f);) {
    if (f.number == kValueInfoName && f.wire == kBytes) out.name = std::string(f.bytes);
    if (f.number != kValueInfoType || f.wire != kBytes) continue;
    Field t;
    for (Reader type(f.bytes); type.next(&t);) {
      if (t.number != kTypeTensor || t.wire != kBytes) continue;
      Field tt;
      for (Reader tensor(t.bytes); tensor.next(&tt);) {
        if (tt.number == kTensorTypeElem && tt.wire == kVarint)
          out.elem_type = static_cast<int>(tt.varint);
        if (tt.number == kTensorTypeShape && tt.wire == kBytes) out.dims = read_shape(tt.bytes);
      }
    }
  }
  return out;
}

std::string read_tensor_name(std::string_view tensor) {
  Field f;
  for (Reader r(tensor); r.next(&f);) {
    if (f.number == kTensorName && f.wire == kBytes) return std::string(f.bytes);
  }
  return {};
}

}  // namespace

OnnxGraphInfo read_onnx_graph_info(std::string_view model) {
  std::string_view graph;
  bool has_graph = false;
  Field f;
  for (Reader r(model); r.next(&f);) {
    if (f.number == kModelGraph && f.wire == kBytes) {
      graph = f.bytes;
      has_graph = true;
    }
  }
  if (!has_graph) malformed("no graph");

  OnnxGraphInfo info;
  // Models of IR version < 4 list their weights among the inputs too; those are not fed.
  std::unordered_set<std::string> initializers;
  for (Reader r(graph); r.next(&f);) {
    if (f.wire != kBytes) continue;
    if (f.number == kGraphInitializer) initializers.insert(read_tensor_name(f.bytes));
    if (f.number == kGraphInput) info.inputs.push_back(read_value_info(f.bytes));
    if (f.number == kGraphOutput) info.outputs.push_back(read_value_info(f.bytes));
  }
  std::erase_if(info.inputs,
                [&](const OnnxTensorInfo& t) { return initializers.contains(t.name); });
  if (info.inputs.empty()) malformed("graph has no inputs");
  if (info.outputs.empty()) malformed("graph has no outputs");
  return info;
}

}  // namespace rill::vision::detail
