// XStream's Method: the defaults of its optional members (hobotxstream/method.h).
#include "hobotxstream/method.h"

namespace xstream {

Method::~Method() = default;

int Method::InitFromJsonString(const std::string& config) { return -1; }

int Method::UpdateParameter(InputParamPtr ptr) { return -1; }

InputParamPtr Method::GetParameter() const { return nullptr; }

std::string Method::GetVersion() const { return "Method::GetVersion()"; }

MethodInfo Method::GetMethodInfo() { return MethodInfo(); }

}  // namespace xstream
