// hobotxsdk/xstream_capi_type_helper.h alone brings <functional>, <memory>, <string> and both
// data headers.
#include "hobotxsdk/xstream_capi_type_helper.h"

int CompatIncludesCapiTypeHelper() {
  std::function<int()> f = [] { return 1; };
  std::shared_ptr<xstream::BaseData> data = std::make_shared<xstream::BaseData>();
  std::string name = data->type_;
  size_t size = sizeof(HobotXStreamCapiDataList);
  return f() + static_cast<int>(name.size() + size);
}
