// common/com_func.h alone brings <sstream>, <string>, <vector> and jsoncpp, as XStream's does.
#include "common/com_func.h"

int CompatIncludesComFunc() {
  std::istringstream in("a b");
  std::vector<std::string> parts = hobotcommon::split(in.str(), ' ');
  Json::Value value(static_cast<int>(parts.size()));
  return value.asInt();
}
