// hobotxsdk/xstream_sdk.h alone brings <string>, <vector> and xstream_data.h.
#include "hobotxsdk/xstream_sdk.h"

int CompatIncludesSdk() {
  std::vector<std::string> names{"a"};
  xstream::InputDataPtr input = std::make_shared<xstream::InputData>();
  return static_cast<int>(names.size() + input->datas_.size());
}
