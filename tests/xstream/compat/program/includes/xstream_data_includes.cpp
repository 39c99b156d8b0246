// hobotxsdk/xstream_data.h alone brings <functional>, <memory>, <string>, <vector>.
#include "hobotxsdk/xstream_data.h"

int CompatIncludesData() {
  std::vector<std::string> names{"a"};
  std::function<int()> f = [&names] { return static_cast<int>(names.size()); };
  std::unique_ptr<int> one(new int(1));
  return f() + *one;
}
