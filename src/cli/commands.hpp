#pragma once
// The commands behind `rill run|validate|graph` (and `megflow_run`). Each takes parsed options,
// prints to stdout/stderr, and returns the process exit code (exit_codes.hpp). The CLI11 front
// ends (rill_cli.cpp, megflow_cli.cpp) only map flags onto these options. A config whose path
// ends in `.json` is an XStream workflow: the command dispatches to its workflow_* counterpart,
// which takes the same options and gives them the same meaning.

#include <cstdint>
#include <string>
#include <vector>

#include "config_session.hpp"

namespace rill::cli {

struct RunOptions {
  ConfigSource source;
  /// `--dump`: print the per-node statistics table after the run.
  bool dump_counters = false;
  /// `megflow_run --dump`: write the graph drawing here (PNG through Graphviz `dot`) once the
  /// config validated, before it runs.
  std::string dump_png_path;
  /// `--trace FILE` (alias `--profile`): Chrome/Perfetto trace of node activations (empty = off).
  std::string trace_path;
  /// `--frames N`, XStream workflows only: frames to feed (0 = until SIGINT/SIGTERM).
  std::uint64_t frames = 1;
};

/// Loads, validates and runs the config until it ends; SIGINT/SIGTERM stop it gracefully.
int run_command(const RunOptions& options);

struct ValidateOptions {
  ConfigSource source;
  /// `--print-expanded`, XStream workflows only: print the flat workflow JSON after expansion.
  bool print_expanded = false;
};

/// Loads the config and checks it completely without running it; prints "FILE: ok" (exit 0) or
/// every diagnostic (exit 2).
int validate_command(const ValidateOptions& options);

struct NodesOptions {
  ConfigSource source;    ///< only the plugin flags matter
  std::string name;       ///< one type in detail; empty = list every type
  bool markdown = false;  ///< the whole catalogue as Markdown (docs/nodes.md)
};

/// `rill nodes`: the node types of the built-in registry plus `-p` plugins: a list, one type's
/// ports and argument schema, or the Markdown catalogue. Exit 2 for an unknown NAME.
int nodes_command(const NodesOptions& options);

struct DrawOptions {
  ConfigSource source;
  std::string format = "dot";  ///< "dot" or "mermaid"
};

/// Prints the config's drawing (DOT or Mermaid).
int graph_command(const DrawOptions& options);

/// A config path naming an XStream JSON workflow (`.json`) rather than a TOML graph.
inline bool is_workflow_path(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
}

/// run_command for an XStream workflow: feeds it generated frames and prints a per-group
/// summary (workflow_run_command.cpp). Exit 0, 1 when a node failed, 2 for config or plugin
/// errors.
int workflow_run_command(const RunOptions& options);

/// validate_command for an XStream workflow: loads, expands and validates it and checks its
/// method types against the plugins (workflow_validate_command.cpp).
int workflow_validate_command(const ValidateOptions& options);

}  // namespace rill::cli
