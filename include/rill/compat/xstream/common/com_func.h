// XStream 2.x common helpers (source compatibility).
#ifndef COMMON_COM_FUNC_H_
#define COMMON_COM_FUNC_H_

#include <sstream>
#include <string>
#include <vector>

#include "json/json.h"

namespace hobotcommon {

/// Splits `str` at `delim`, trims spaces around each item and drops empty items.
inline std::vector<std::string> split(const std::string& str, char delim) {
  std::vector<std::string> items;
  std::stringstream ss(str);
  std::string item;
  while (std::getline(ss, item, delim)) {
    std::string::size_type begin = item.find_first_not_of(' ');
    if (begin == std::string::npos) continue;
    std::string::size_type end = item.find_last_not_of(' ');
    items.push_back(item.substr(begin, end - begin + 1));
  }
  return items;
}

/// The prefix of `path` up to and including its last '/', or "./" when it has none.
std::string get_parent_path(const std::string& path);

}  // namespace hobotcommon

#endif  // COMMON_COM_FUNC_H_
