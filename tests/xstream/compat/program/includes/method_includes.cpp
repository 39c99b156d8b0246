// hobotxstream/method.h alone brings <memory>, <string>, <vector> and xstream_data.h.
#include "hobotxstream/method.h"

int CompatIncludesMethod() {
  std::vector<std::string> names{"a"};
  std::shared_ptr<xstream::BaseData> data = std::make_shared<xstream::BaseData>();
  xstream::MethodInfo info;
  return static_cast<int>(names.size()) + (info.is_thread_safe_ ? 1 : 0) + data->error_code_;
}
