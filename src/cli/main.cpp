// rill: the command-line entry point. One binary, two personalities: `rill` (subcommands) and,
// when invoked through the `megflow_run` symlink, MegFlow's launcher.

#include <cstring>
#include <exception>
#include <iostream>
#include <string_view>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <rill/core/detail/sanitizers.hpp>
#include <rill/python/python.hpp>

#include "exit_codes.hpp"
#include "rill_cli.hpp"

namespace {

std::string_view basename_of(const char* argv0) {
  std::string_view s = argv0 != nullptr ? argv0 : "";
  auto slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

}  // namespace

#if defined(RILL_ASAN)
// ASan builds: greenlets (Python plugins) save and restore stack slices with memcpy, redzones of
// live frames included, which ASan's memcpy check would report. Accesses by rill's own
// (instrumented) code are still checked.
extern "C" const char* __asan_default_options() { return "replace_intrin=0"; }
#endif

int main(int argc, char** argv) {
  // Logs (node failures, warnings) go to stderr: stdout belongs to what the graph's sinks print
  // and to `rill graph`, which pipe into other tools.
  spdlog::set_default_logger(spdlog::stderr_color_mt("rill"));
  int code = rill::cli::kExitRunError;
  try {
    if (basename_of(argc > 0 ? argv[0] : nullptr) == "megflow_run") {
      code = rill::cli::run_megflow_cli(argc, argv);
    } else {
      code = rill::cli::run_rill_cli(argc, argv);
    }
  } catch (const std::exception& e) {
    std::cerr << "rill: error: " << e.what() << std::endl;
  }
  // Python plugins' objects (and their __del__) go while the interpreter still runs.
  rill::python::shutdown_interpreter();
  return code;
}
