// A Method (batch interface) keeping the boxes whose area reaches a threshold.
#ifndef RILL_COMPAT_PROGRAM_BOX_FILTER_H_
#define RILL_COMPAT_PROGRAM_BOX_FILTER_H_

#include <atomic>
#include <string>
#include <vector>

#include "hobotxsdk/xstream_data.h"
#include "hobotxstream/method.h"

namespace xstream {

class BoxFilter : public Method {
 public:
  int Init(const std::string& config_file_path) override;
  /// method_config: {"threshold": <area>}.
  int InitFromJsonString(const std::string& config) override;
  std::vector<std::vector<BaseDataPtr>> DoProcess(
      const std::vector<std::vector<BaseDataPtr>>& input,
      const std::vector<InputParamPtr>& param) override;
  void Finalize() override {}
  /// Accepts an SdkCommParam {"threshold": <area>}.
  int UpdateParameter(InputParamPtr ptr) override;
  InputParamPtr GetParameter() const override;
  std::string GetVersion() const override { return "1.2.3"; }
  MethodInfo GetMethodInfo() override;

 private:
  int ReadThreshold(const std::string& json_text);

  std::atomic<float> threshold_{0.0f};
};

}  // namespace xstream

#endif  // RILL_COMPAT_PROGRAM_BOX_FILTER_H_
