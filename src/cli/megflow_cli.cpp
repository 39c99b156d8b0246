// run_megflow_cli: `megflow_run`, MegFlow's launcher flags (docs/cli.md, "megflow_run") mapped
// onto `rill run`, so existing MegFlow command lines and scripts keep working. `-c FILE.json`
// runs an XStream workflow as `rill run` does.

#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_parse.hpp"
#include "commands.hpp"
#include "graph_png.hpp"
#include "rill_cli.hpp"

namespace rill::cli {

namespace {

/// MegFlow's default config: `<abs plugin dir>/<plugin dir basename>.toml`, so
/// `megflow_run -p logical_test` runs `logical_test/logical_test.toml`.
std::string default_config_for(const std::string& plugin_dir) {
  std::filesystem::path dir = std::filesystem::absolute(plugin_dir).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "/a/b/" (from "." or "x/")
  return (dir / (dir.filename().string() + ".toml")).string();
}

}  // namespace

int run_megflow_cli(int argc, char** argv) {
  CLI::App app("megflow_run: run a MegFlow graph with rill (same flags as MegFlow's launcher)",
               "megflow_run");
  app.set_version_flag("--version", std::string("megflow_run (rill ") + RILL_VERSION + ")");

  std::string plugin_dir = ".";
  RunOptions run;
  bool dump = false;
  app.add_option("-p,--plugin,--plugin-path", plugin_dir,
                 "plugin directory; also picks the default config")
      ->capture_default_str();
  app.add_option("-c,--config", run.source.config_path,
                 "graph config (TOML) or XStream workflow (.json) "
                 "(default: <plugin dir>/<plugin dir name>.toml)");
  app.add_option("-m,--module", run.source.module_path,
                 "module path Python plugins import from (default: current directory)");
  app.add_option("--dynamic", run.source.dynamic_path, "TOML template context for the config");
  app.add_flag("--dump", dump, "draw the graph to <config dir>/<config name>.png (Graphviz)");

  if (auto code = parse_command_line(app, argc, argv)) return *code;

  run.source.plugin_dirs.push_back(plugin_dir);
  if (run.source.config_path.empty()) run.source.config_path = default_config_for(plugin_dir);
  if (is_workflow_path(run.source.config_path)) {
    // An XStream workflow: its plugin directory holds method libraries; MegFlow's template
    // context and Python module path have no meaning for it.
    for (const char* flag : {"--module", "--dynamic"}) {
      if (app.get_option(flag)->count() == 0) continue;
      std::cerr << "megflow_run: " << flag << " applies to TOML graphs only" << std::endl;
      return kExitConfigError;
    }
  }
  if (dump) run.dump_png_path = default_png_path(run.source.config_path);
  return run_command(run);
}

}  // namespace rill::cli
