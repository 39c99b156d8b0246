// write_graph_png: DOT file, then `dot -Tpng` as a child process (no shell involved).

#include "graph_png.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

extern char** environ;  // NOLINT: POSIX declares it nowhere else

namespace rill::cli {
namespace fs = std::filesystem;

std::string default_png_path(const std::string& config_path) {
  fs::path p(config_path);
  return (p.parent_path() / p.stem()).string() + ".png";
}

bool write_graph_png(const GraphModel& model, const std::string& png_path, Diagnostics& diags) {
  const std::string dot_path = fs::path(png_path).replace_extension(".dot").string();
  {
    std::ofstream out(dot_path);
    out << render_dot(model);
    if (!out) {
      diags.warning(SourceLoc{dot_path, 0, 0}, "cannot write the graph dump");
      return false;
    }
  }
  std::string arg0 = "dot";
  std::string arg1 = "-Tpng";
  std::string arg2 = "-o" + png_path;
  std::string arg3 = dot_path;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), arg3.data(), nullptr};
  pid_t pid = 0;
  if (int rc = posix_spawnp(&pid, "dot", nullptr, nullptr, argv, environ); rc != 0) {
    diags.warning(
        SourceLoc{dot_path, 0, 0},
        std::string("graph dump kept as DOT: cannot run Graphviz `dot`: ") + std::strerror(rc));
    return false;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    diags.warning(SourceLoc{dot_path, 0, 0}, "graph dump kept as DOT: `dot -Tpng` failed");
    return false;
  }
  return true;
}

}  // namespace rill::cli
