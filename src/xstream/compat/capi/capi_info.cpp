// HobotXStreamCapiGetVersion and the license helpers. rill checks no license: the info is the
// last whitespace-separated token of <license path>/license.txt, as XStream reports it.
#include <fstream>
#include <mutex>
#include <string>

#include "compat/capi/capi_convert.hpp"
#include "hobotxsdk/version.h"
#include "hobotxsdk/xstream_capi.h"

namespace {

constexpr const char* kInvalidInfo = "INVALID INFO";

struct License {
  std::mutex mu;
  std::string path;
  bool path_set = false;
  std::string info;  // what GetLicenseInfo returned last; valid until its next call
};

License& license() {
  static License l;
  return l;
}

}  // namespace

extern "C" {

const char* HobotXStreamCapiGetVersion(void) { return HOBOTXSDK_VERSION; }

void HobotXStreamCapiSetLicensePath(const char* path) {
  xstream::capi::Guarded("HobotXStreamCapiSetLicensePath", 0, [&] {
    License& l = license();
    std::lock_guard g(l.mu);
    l.path_set = path != nullptr;
    l.path = path != nullptr ? path : "";
    return 0;
  });
}

const char* HobotXStreamCapiGetLicenseInfo(void) {
  return xstream::capi::Guarded("HobotXStreamCapiGetLicenseInfo", kInvalidInfo, [&] {
    License& l = license();
    std::lock_guard g(l.mu);
    std::string last;
    if (l.path_set) {
      std::ifstream file(l.path + "/license.txt");
      for (std::string token; file >> token;) last = token;
    }
    l.info = last.empty() ? kInvalidInfo : last;
    return l.info.c_str();
  });
}

}  // extern "C"
