// run_rill_cli: the `rill` command line (CLI11 subcommands run, validate, graph). Every command
// takes a TOML graph or an XStream workflow (`.json`) with the same flags meaning the same; the
// few flags that only make sense for one dialect are usage errors for the other.

#include "rill_cli.hpp"

#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_parse.hpp"
#include "commands.hpp"

namespace rill::cli {

namespace {

/// `-p DIR` and `--plugin LIB`: what a config's node or method types come from.
void add_plugin_flags(CLI::App& cmd, ConfigSource& source) {
  cmd.add_option("-p,--plugin-path", source.plugin_dirs,
                 "directory of plugins: every *.so (C++ nodes or XStream methods), and for TOML "
                 "graphs every *.py and Python package, in it is loaded (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--plugin", source.plugin_files,
                 "one C++ shared library to load as a plugin (repeatable)")
      ->allow_extra_args(false);
}

/// `--dynamic` and `-m`: MegFlow's TOML template context and Python module path.
void add_toml_flags(CLI::App& cmd, ConfigSource& source) {
  cmd.add_option("--dynamic", source.dynamic_path,
                 "TOML graphs: TOML file whose root table is the config template's context");
  cmd.add_option("-m,--module-path", source.module_path,
                 "TOML graphs: MegFlow's module path, the root Python plugins import from "
                 "(default: current directory)");
}

/// Flags of one dialect only; given for a config of the other they are a usage error (exit 2)
/// rather than silently ignored. Returns true when all fit.
bool flags_fit_config(const CLI::App& cmd, bool workflow) {
  const std::vector<std::string> toml_only{"--dynamic", "--module-path"};
  const std::vector<std::string> json_only{"--frames", "--print-expanded"};
  for (const std::string& flag : workflow ? toml_only : json_only) {
    const CLI::Option* opt = cmd.get_option_no_throw(flag);
    if (opt == nullptr || opt->count() == 0) continue;
    std::cerr << cmd.get_name() << ": " << flag << " applies to "
              << (workflow ? "TOML graphs only" : "XStream workflows (.json) only") << std::endl;
    return false;
  }
  return true;
}

}  // namespace

int run_rill_cli(int argc, char** argv) {
  CLI::App app(
      "rill: streaming AI-inference pipelines from MegFlow TOML graphs and XStream "
      "JSON workflows",
      "rill");
  app.set_version_flag("--version", std::string("rill ") + RILL_VERSION);
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "run a config until it ends (Ctrl-C drains it)");
  run_cmd
      ->add_option("-c,--config", run.source.config_path,
                   "the graph config (TOML) or XStream workflow (.json)")
      ->required();
  add_plugin_flags(*run_cmd, run.source);
  add_toml_flags(*run_cmd, run.source);
  run_cmd->add_flag("--dump", run.dump_counters, "print per-node statistics after the run");
  run_cmd->add_option("--trace,--profile", run.trace_path,
                      "write a Chrome/Perfetto trace (JSON) of node activations to FILE");
  run_cmd
      ->add_option("--frames", run.frames,
                   "XStream workflows: frames to feed (0 = until SIGINT/SIGTERM)")
      ->capture_default_str();

  ValidateOptions validate;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "check a config without running it (exit 0, or 2)");
  validate_cmd->add_option("file", validate.source.config_path,
                           "the graph config (TOML) or XStream workflow (.json)");
  add_plugin_flags(*validate_cmd, validate.source);
  add_toml_flags(*validate_cmd, validate.source);
  validate_cmd->add_flag("--print-expanded", validate.print_expanded,
                         "XStream workflows: print the flat workflow JSON after expansion");

  DrawOptions draw;
  CLI::App* graph_cmd = app.add_subcommand("graph", "print a config's graph as DOT or Mermaid");
  graph_cmd
      ->add_option("file", draw.source.config_path,
                   "the graph config (TOML) or XStream workflow (.json)")
      ->required();
  graph_cmd->add_option("-f,--format", draw.format, "dot (Graphviz) or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  add_plugin_flags(*graph_cmd, draw.source);
  add_toml_flags(*graph_cmd, draw.source);

  NodesOptions nodes;
  CLI::App* nodes_cmd = app.add_subcommand(
      "nodes", "list the node types (built-in and -p plugins), or show one type's contract");
  nodes_cmd->add_option("name", nodes.name, "a node type: print its ports and arguments");
  nodes_cmd->add_flag("--markdown", nodes.markdown,
                      "print the whole catalogue as Markdown (the catalogue of docs/nodes.md)");
  add_plugin_flags(*nodes_cmd, nodes.source);
  nodes_cmd->add_option("-m,--module-path", nodes.source.module_path,
                        "MegFlow's module path, the root Python plugins import from");

  if (auto code = parse_command_line(app, argc, argv)) return *code;

  if (nodes_cmd->parsed()) return nodes_command(nodes);

  if (run_cmd->parsed()) {
    if (!flags_fit_config(*run_cmd, is_workflow_path(run.source.config_path))) {
      return kExitConfigError;
    }
    return run_command(run);
  }
  if (validate_cmd->parsed()) {
    if (validate.source.config_path.empty()) {
      std::cerr << "validate: a config FILE is required\n";
      return kExitConfigError;
    }
    if (!flags_fit_config(*validate_cmd, is_workflow_path(validate.source.config_path))) {
      return kExitConfigError;
    }
    return validate_command(validate);
  }
  if (!flags_fit_config(*graph_cmd, is_workflow_path(draw.source.config_path))) {
    return kExitConfigError;
  }
  return graph_command(draw);
}

}  // namespace rill::cli
