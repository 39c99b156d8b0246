// XStream 2.x data model (source compatibility). Compiles as C++14.
// rill::sdk uses these very types (rill/sdk/data.hpp), so a Method's data crosses no adapter.
#ifndef HOBOTXSDK_XSTREAM_DATA_H_
#define HOBOTXSDK_XSTREAM_DATA_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace xstream {

class CppContext;
class CContext;

enum class DataState { VALID = 0, FILTERED = 1, INVISIBLE = 2, DISAPPEARED = 3, INVALID = 4 };

/// Base of everything a slot holds. Copy-assignable (methods do `*fresh = *input`).
struct BaseData {
  BaseData();
  virtual ~BaseData();

  std::string type_;
  std::string name_;
  int error_code_ = 0;
  std::string error_detail_;
  std::shared_ptr<CContext> c_data_;
  DataState state_ = DataState::VALID;
};
typedef std::shared_ptr<BaseData> BaseDataPtr;

struct BaseDataVector : public BaseData {
  BaseDataVector();
  std::vector<BaseDataPtr> datas_;
};

template <typename Dtype>
struct XStreamData : public BaseData {
  Dtype value;
  XStreamData() {}
  explicit XStreamData(const Dtype& val) { value = val; }
};

/// A per-frame or per-node parameter addressed to one node by unique_name_.
class InputParam {
 public:
  explicit InputParam(const std::string& unique_name) {
    unique_name_ = unique_name;
    is_json_format_ = false;
    is_enable_this_method_ = true;
  }
  virtual ~InputParam() = default;
  virtual std::string Format() = 0;

 public:
  bool is_json_format_;
  bool is_enable_this_method_;
  std::string unique_name_;
};
typedef std::shared_ptr<InputParam> InputParamPtr;

/// Disables a node for one frame; mode_ says what its outputs become.
class DisableParam : public InputParam {
 public:
  enum class Mode { PassThrough, UsePreDefine, Invalid, BestEffortPassThrough };
  explicit DisableParam(const std::string& unique_name, Mode mode = Mode::Invalid)
      : InputParam(unique_name), mode_(mode) {
    is_enable_this_method_ = false;
  }
  virtual std::string Format() { return unique_name_ + " : disabled"; }
  Mode mode_;
  std::vector<BaseDataPtr> pre_datas_;
};
typedef std::shared_ptr<DisableParam> DisableParamPtr;

/// A JSON text parameter (what UpdateConfig from the C API sends).
class SdkCommParam : public InputParam {
 public:
  SdkCommParam(const std::string& unique_name, const std::string& param)
      : InputParam(unique_name), param_(param) {
    is_json_format_ = true;
  }
  virtual std::string Format() { return param_; }
  std::string param_;
};
typedef std::shared_ptr<SdkCommParam> CommParamPtr;

struct InputData {
  std::vector<BaseDataPtr> datas_;
  std::vector<InputParamPtr> params_;
  uint32_t source_id_ = 0;
  const void* context_ = nullptr;
};
typedef std::shared_ptr<InputData> InputDataPtr;

struct OutputData {
  int error_code_ = 0;
  std::string error_detail_;
  std::string unique_name_;
  std::string output_type_;
  std::vector<BaseDataPtr> datas_;
  const void* context_ = nullptr;
  int64_t sequence_id_ = 0;
  uint32_t source_id_ = 0;
  uint64_t global_sequence_id_ = 0;
};
typedef std::shared_ptr<OutputData> OutputDataPtr;

typedef std::function<void(OutputDataPtr)> XStreamCallback;

}  // namespace xstream

#endif  // HOBOTXSDK_XSTREAM_DATA_H_
