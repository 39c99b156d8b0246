// run_rill_cli: the `rill` command line (CLI11 subcommands run, validate, graph).

#include "rill_cli.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli_parse.hpp"
#include "commands.hpp"

namespace rill::cli {

namespace {

/// Flags every command that loads a config understands.
void add_source_flags(CLI::App& cmd, ConfigSource& source) {
  cmd.add_option("--dynamic", source.dynamic_path,
                 "TOML file whose root table is the config template's context");
  cmd.add_option(
         "-p,--plugin-path", source.plugin_dirs,
         "directory of plugins: every *.so, *.py and Python package in it is loaded (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("-m,--module-path", source.module_path,
                 "MegFlow's module path, the root Python plugins import from "
                 "(default: current directory)");
}

}  // namespace

int run_rill_cli(int argc, char** argv) {
  CLI::App app("rill: streaming AI-inference pipelines from MegFlow TOML graphs", "rill");
  app.set_version_flag("--version", std::string("rill ") + RILL_VERSION);
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "run a graph until it ends (Ctrl-C drains it)");
  run_cmd->add_option("-c,--config", run.source.config_path, "the graph config (TOML)")->required();
  add_source_flags(*run_cmd, run.source);
  run_cmd->add_flag("--dump", run.dump_counters, "print per-node counters after the run");

  ValidateOptions validate;
  bool list_types = false;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "check a config without running it (exit 0 or 2)");
  validate_cmd->add_option("file", validate.source.config_path, "the graph config (TOML)");
  add_source_flags(*validate_cmd, validate.source);
  validate_cmd->add_flag("--list-types", list_types,
                         "list the node types (built-in and plugins) instead");

  DrawOptions draw;
  CLI::App* graph_cmd = app.add_subcommand("graph", "print the main graph as DOT or Mermaid");
  graph_cmd->add_option("file", draw.source.config_path, "the graph config (TOML)")->required();
  graph_cmd->add_option("-f,--format", draw.format, "dot (Graphviz) or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  add_source_flags(*graph_cmd, draw.source);

  if (auto code = parse_command_line(app, argc, argv)) return *code;

  if (run_cmd->parsed()) return run_command(run);
  if (validate_cmd->parsed()) {
    if (list_types) return list_types_command(validate.source);
    if (validate.source.config_path.empty()) {
      std::cerr << "validate: a config FILE is required (or --list-types)\n";
      return kExitConfigError;
    }
    return validate_command(validate);
  }
  return graph_command(draw);
}

}  // namespace rill::cli
