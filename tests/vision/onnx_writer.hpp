#pragma once
// Tiny ONNX models written by hand (protobuf encoding of the few fields they need), so that the
// ONNX reading and the backend's layout and batch handling are tested on models whose every
// byte the test controls.

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace rill::vision::testing {

inline std::string varint(std::uint64_t v) {
  std::string out;
  do {
    const auto byte = static_cast<std::uint8_t>(v & 0x7f);
    v >>= 7;
    out.push_back(static_cast<char>(byte | (v != 0 ? 0x80 : 0)));
  } while (v != 0);
  return out;
}
/// A length-delimited field (string, bytes, sub-message).
inline std::string field(std::uint32_t number, const std::string& bytes) {
  return varint(number << 3 | 2) + varint(bytes.size()) + bytes;
}
/// A varint field.
inline std::string field(std::uint32_t number, std::uint64_t value) {
  return varint(number << 3 | 0) + varint(value);
}

/// ValueInfoProto of a float tensor; a dim of -1 is written as a symbolic dimension.
inline std::string value_info(const std::string& name, const std::vector<std::int64_t>& dims) {
  std::string shape;
  for (std::int64_t d : dims) {
    shape += field(1, d >= 0 ? field(1, static_cast<std::uint64_t>(d)) : field(2, "batch"));
  }
  const std::string tensor_type = field(1, std::uint64_t{1}) + field(2, shape);
  return field(1, name) + field(2, field(1, tensor_type));
}

/// NodeProto: op_type with inputs, outputs and already encoded attributes.
inline std::string node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs,
                        const std::string& attributes = {}) {
  std::string n;
  for (const auto& i : inputs) n += field(1, i);
  for (const auto& o : outputs) n += field(2, o);
  return n + field(3, op + "_node") + field(4, op) + attributes;
}
/// AttributeProto of type INT.
inline std::string int_attribute(const std::string& name, std::int64_t v) {
  return field(
      5, field(1, name) + field(3, static_cast<std::uint64_t>(v)) + field(20, std::uint64_t{2}));
}
/// AttributeProto of type INTS.
inline std::string ints_attribute(const std::string& name, const std::vector<std::int64_t>& v) {
  std::string a = field(1, name);
  for (std::int64_t x : v) a += field(8, static_cast<std::uint64_t>(x));
  return field(5, a + field(20, std::uint64_t{7}));
}
/// TensorProto of floats (an initializer).
inline std::string float_tensor(const std::string& name, const std::vector<std::int64_t>& dims,
                                const std::vector<float>& values) {
  std::string t;
  for (std::int64_t d : dims) t += field(1, static_cast<std::uint64_t>(d));
  std::string raw(values.size() * sizeof(float), '\0');
  std::memcpy(raw.data(), values.data(), raw.size());
  return t + field(2, std::uint64_t{1}) + field(8, name) + field(9, raw);
}

/// ModelProto (IR 7, opset 12) around a graph's encoded nodes, initializers, inputs, outputs.
inline std::string model(const std::string& graph_fields) {
  const std::string opset = field(2, std::uint64_t{12});
  return field(1, std::uint64_t{7}) + field(8, opset) + field(7, field(2, "g") + graph_fields);
}

}  // namespace rill::vision::testing
