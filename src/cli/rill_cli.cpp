// run_rill_cli: the `rill` command line (CLI11 subcommands run, validate, graph). A config
// ending in `.json` is an XStream workflow and goes to the workflow_* commands.

#include "rill_cli.hpp"

#include <iostream>
#include <string>
#include <vector>

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

/// `--plugin LIB`: an XStream method library, for `.json` workflows (repeatable).
void add_method_plugin_flag(CLI::App& cmd, std::vector<std::string>& plugins) {
  cmd.add_option("--plugin", plugins,
                 "XStream workflows (.json): a shared library providing method types "
                 "(repeatable)")
      ->allow_extra_args(false);
}

/// TOML graphs and JSON workflows take different flags; one given for the other kind of config
/// is a usage error (exit 2) rather than silently ignored. Returns true when all fit.
bool flags_fit_config(const CLI::App& cmd, bool workflow) {
  const std::vector<std::string> toml_only{"--dynamic", "--plugin-path", "--module-path"};
  const std::vector<std::string> json_only{"--plugin", "--frames", "--profile", "--print-expanded"};
  for (const std::string& flag : workflow ? toml_only : json_only) {
    const CLI::Option* opt = cmd.get_option_no_throw(flag);
    if (opt == nullptr || opt->count() == 0) continue;
    std::cerr << cmd.get_name() << ": " << flag << " applies to "
              << (workflow ? "TOML graphs only (XStream method libraries: --plugin LIB)"
                           : "XStream workflows (.json) only")
              << std::endl;
    return false;
  }
  return true;
}

}  // namespace

int run_rill_cli(int argc, char** argv) {
  CLI::App app("rill: streaming AI-inference pipelines from MegFlow TOML graphs", "rill");
  app.set_version_flag("--version", std::string("rill ") + RILL_VERSION);
  app.require_subcommand(1);

  RunOptions run;
  WorkflowRunOptions run_wf;
  CLI::App* run_cmd = app.add_subcommand("run", "run a graph until it ends (Ctrl-C drains it)");
  run_cmd
      ->add_option("-c,--config", run.source.config_path,
                   "the graph config (TOML) or XStream workflow (.json)")
      ->required();
  add_source_flags(*run_cmd, run.source);
  run_cmd->add_flag("--dump", run.dump_counters, "print per-node counters after the run");
  add_method_plugin_flag(*run_cmd, run_wf.plugins);
  run_cmd
      ->add_option("--frames", run_wf.frames,
                   "XStream workflows: frames to feed (0 = until SIGINT/SIGTERM)")
      ->capture_default_str();
  run_cmd->add_option("--profile", run_wf.profile_path,
                      "XStream workflows: write the framework profiler's chrome trace here");

  ValidateOptions validate;
  WorkflowValidateOptions validate_wf;
  bool list_types = false;
  CLI::App* validate_cmd = app.add_subcommand(
      "validate", "check a config without running it (exit 0, or 2; 1 for a .json workflow)");
  validate_cmd->add_option("file", validate.source.config_path,
                           "the graph config (TOML) or XStream workflow (.json)");
  add_source_flags(*validate_cmd, validate.source);
  validate_cmd->add_flag("--list-types", list_types,
                         "list the node types (built-in and plugins) instead");
  add_method_plugin_flag(*validate_cmd, validate_wf.plugins);
  validate_cmd->add_flag("--print-expanded", validate_wf.print_expanded,
                         "XStream workflows: print the flat workflow JSON after expansion");

  DrawOptions draw;
  CLI::App* graph_cmd = app.add_subcommand("graph", "print the main graph as DOT or Mermaid");
  graph_cmd->add_option("file", draw.source.config_path, "the graph config (TOML)")->required();
  graph_cmd->add_option("-f,--format", draw.format, "dot (Graphviz) or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  add_source_flags(*graph_cmd, draw.source);

  if (auto code = parse_command_line(app, argc, argv)) return *code;

  if (run_cmd->parsed()) {
    const bool workflow = is_workflow_path(run.source.config_path);
    if (!flags_fit_config(*run_cmd, workflow)) return kExitConfigError;
    if (!workflow) return run_command(run);
    run_wf.config_path = run.source.config_path;
    run_wf.dump = run.dump_counters;
    return workflow_run_command(run_wf);
  }
  if (validate_cmd->parsed()) {
    if (list_types) return list_types_command(validate.source);
    if (validate.source.config_path.empty()) {
      std::cerr << "validate: a config FILE is required (or --list-types)\n";
      return kExitConfigError;
    }
    const bool workflow = is_workflow_path(validate.source.config_path);
    if (!flags_fit_config(*validate_cmd, workflow)) return kExitConfigError;
    if (!workflow) return validate_command(validate);
    validate_wf.config_path = validate.source.config_path;
    return workflow_validate_command(validate_wf);
  }
  return graph_command(draw);
}

}  // namespace rill::cli
