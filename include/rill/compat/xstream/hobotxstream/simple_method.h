// XStream 2.x per-frame Method (source compatibility).
#ifndef HOBOTXSTREAM_SIMPLE_METHOD_H_
#define HOBOTXSTREAM_SIMPLE_METHOD_H_

#include <memory>
#include <string>
#include <vector>

#include "hobotxsdk/xstream_data.h"
#include "hobotxstream/method.h"

namespace xstream {

/// A Method that processes one frame at a time: implement the per-frame DoProcess; the batch
/// DoProcess calls it for every frame, in order.
class SimpleMethod : public Method {
 public:
  virtual ~SimpleMethod();
  virtual int Init(const std::string& config_file_path) = 0;
  virtual std::vector<BaseDataPtr> DoProcess(const std::vector<BaseDataPtr>& input,
                                             const InputParamPtr& param) = 0;
  virtual void Finalize() = 0;
  virtual int InitFromJsonString(const std::string& config);
  virtual int UpdateParameter(InputParamPtr ptr);
  virtual InputParamPtr GetParameter() const;
  virtual std::string GetVersion() const;
  virtual MethodInfo GetMethodInfo();

  std::vector<std::vector<BaseDataPtr>> DoProcess(
      const std::vector<std::vector<BaseDataPtr>>& input,
      const std::vector<InputParamPtr>& param) final;
};
typedef std::shared_ptr<SimpleMethod> SimpleMethodPtr;

}  // namespace xstream

#endif  // HOBOTXSTREAM_SIMPLE_METHOD_H_
