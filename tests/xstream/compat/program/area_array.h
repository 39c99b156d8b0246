// A data type with a C form, wired up with XStream's C-API macro kit.
#ifndef RILL_COMPAT_PROGRAM_AREA_ARRAY_H_
#define RILL_COMPAT_PROGRAM_AREA_ARRAY_H_

#include <cstddef>
#include <vector>

#include "hobotxsdk/xstream_data.h"

namespace xstream {

struct AreaArray : public BaseData {
  explicit AreaArray(size_t values_size = 0, const float* values = nullptr);
  ~AreaArray();

  std::vector<float> values_;
  float score_ = 0;
};

}  // namespace xstream

#endif  // RILL_COMPAT_PROGRAM_AREA_ARRAY_H_
