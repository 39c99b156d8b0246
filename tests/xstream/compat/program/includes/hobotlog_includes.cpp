// hobotlog/hobotlog.hpp alone (not an XStream header; no original to compare): its stream
// macros compile with nothing else included.

#include "hobotlog/hobotlog.hpp"

int CompatIncludesHobotlog() {
  std::string text = "x";
  std::ostringstream os;
  os << text;
  LOGD << os.str();
  return static_cast<int>(text.size());
}
