// hobotxstream/xstream_config.h alone brings <limits.h>, <algorithm>, <iostream>, <map>,
// <memory>, <string>, <unordered_map>, <unordered_set>, <vector>, hobotlog, xstream_error.h,
// method_factory.h and jsoncpp.
#include "hobotxstream/xstream_config.h"

int CompatIncludesXStreamConfig() {
  std::vector<int> values{3, 1, 2};
  std::sort(values.begin(), values.end());
  std::unordered_set<int> seen(values.begin(), values.end());
  std::unordered_map<std::string, int> by_name{{"max", INT_MAX}};
  std::map<std::string, int> ordered{{"a", 1}};
  std::cout << "";
  Json::Value config;
  xstream::MethodFactoryPtr factory;
  return values.front() + static_cast<int>(seen.size() + ordered.size()) +
         (by_name["max"] > 0 ? 1 : 0) + (factory ? 1 : 0) + static_cast<int>(config.size()) +
         HOBOTXSTREAM_ERROR_CODE_OK;
}
