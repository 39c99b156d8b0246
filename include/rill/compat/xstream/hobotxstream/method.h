// XStream 2.x Method plugin interface (source compatibility).
#ifndef HOBOTXSTREAM_METHOD_H_
#define HOBOTXSTREAM_METHOD_H_

#include <memory>
#include <string>
#include <vector>

#include "hobotxsdk/xstream_data.h"

namespace xstream {

/// How the engine may share and order a method's instances.
struct MethodInfo {
  bool is_thread_safe_ = false;
  bool is_need_reorder = false;
  bool is_src_ctx_dept = false;
};

/// One node's processing. input[b][s]: batch item b (always one frame), input slot s.
class Method {
 public:
  virtual ~Method();
  virtual int Init(const std::string& config_file_path) = 0;
  virtual std::vector<std::vector<BaseDataPtr>> DoProcess(
      const std::vector<std::vector<BaseDataPtr>>& input,
      const std::vector<InputParamPtr>& param) = 0;
  virtual void Finalize() = 0;
  virtual int InitFromJsonString(const std::string& config);
  virtual int UpdateParameter(InputParamPtr ptr);
  virtual InputParamPtr GetParameter() const;
  virtual std::string GetVersion() const;
  virtual MethodInfo GetMethodInfo();
};
typedef std::shared_ptr<Method> MethodPtr;

}  // namespace xstream

#endif  // HOBOTXSTREAM_METHOD_H_
