// hobotxstream/simple_method.h alone brings <memory>, <string>, <vector>, method.h and
// xstream_data.h.
#include "hobotxstream/simple_method.h"

int CompatIncludesSimpleMethod() {
  std::vector<std::string> names{"a"};
  std::shared_ptr<xstream::SimpleMethod> method;
  xstream::MethodInfo info;
  return static_cast<int>(names.size()) + (method ? 1 : 0) + (info.is_src_ctx_dept ? 1 : 0);
}
