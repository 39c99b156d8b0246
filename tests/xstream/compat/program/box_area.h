// A SimpleMethod (per-frame interface) turning boxes into their scaled areas (an AreaArray).
#ifndef RILL_COMPAT_PROGRAM_BOX_AREA_H_
#define RILL_COMPAT_PROGRAM_BOX_AREA_H_

#include <string>
#include <vector>

#include "hobotxsdk/xstream_data.h"
#include "hobotxstream/simple_method.h"

namespace xstream {

class BoxArea : public SimpleMethod {
 public:
  /// Reads {"scale": <factor>} from the node's method_config_file.
  int Init(const std::string& config_file_path) override;
  std::vector<BaseDataPtr> DoProcess(const std::vector<BaseDataPtr>& input,
                                     const InputParamPtr& param) override;
  void Finalize() override {}

 private:
  float scale_ = 1.0f;
};

}  // namespace xstream

#endif  // RILL_COMPAT_PROGRAM_BOX_AREA_H_
