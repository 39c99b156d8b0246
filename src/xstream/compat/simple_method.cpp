// XStream's SimpleMethod: defaults and the batch loop (hobotxstream/simple_method.h).
#include "hobotxstream/simple_method.h"

namespace xstream {

SimpleMethod::~SimpleMethod() = default;

int SimpleMethod::InitFromJsonString(const std::string& config) { return -1; }

int SimpleMethod::UpdateParameter(InputParamPtr ptr) { return -1; }

InputParamPtr SimpleMethod::GetParameter() const { return nullptr; }

std::string SimpleMethod::GetVersion() const { return "SimpleMethod::GetVersion()"; }

MethodInfo SimpleMethod::GetMethodInfo() { return MethodInfo(); }

// Frame b gets param[b], or nullptr when `param` is shorter than the batch.
std::vector<std::vector<BaseDataPtr>> SimpleMethod::DoProcess(
    const std::vector<std::vector<BaseDataPtr>>& input, const std::vector<InputParamPtr>& param) {
  std::vector<std::vector<BaseDataPtr>> output;
  output.reserve(input.size());
  for (std::size_t b = 0; b < input.size(); ++b) {
    output.push_back(DoProcess(input[b], b < param.size() ? param[b] : InputParamPtr()));
  }
  return output;
}

}  // namespace xstream
