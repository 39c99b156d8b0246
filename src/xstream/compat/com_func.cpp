// XStream's hobotcommon helpers (common/com_func.h).
#include "common/com_func.h"

namespace hobotcommon {

std::string get_parent_path(const std::string& path) {
  std::string::size_type slash = path.rfind('/');
  if (slash == std::string::npos) return "./";
  return path.substr(0, slash + 1);
}

}  // namespace hobotcommon
