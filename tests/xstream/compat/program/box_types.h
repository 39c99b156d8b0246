// The boxes flowing through the program's workflow.
#ifndef RILL_COMPAT_PROGRAM_BOX_TYPES_H_
#define RILL_COMPAT_PROGRAM_BOX_TYPES_H_

#include <vector>

#include "hobotxsdk/xstream_data.h"
#include "horizon/vision_type/vision_type.hpp"

namespace xstream {

typedef XStreamData<std::vector<hobot::vision::BBox>> BoxList;

}  // namespace xstream

#endif  // RILL_COMPAT_PROGRAM_BOX_TYPES_H_
