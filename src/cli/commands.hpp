#pragma once
// The commands behind `rill run|validate|graph` (and `megflow_run`). Each takes parsed options,
// prints to stdout/stderr, and returns the process exit code (exit_codes.hpp). The CLI11 front
// ends (rill_cli.cpp, megflow_cli.cpp) only map flags onto these options.

#include <cstdint>
#include <string>
#include <vector>

#include "config_session.hpp"

namespace rill::cli {

struct RunOptions {
  ConfigSource source;
  /// `rill run --dump`: print the per-node counters table after the run.
  bool dump_counters = false;
  /// `megflow_run --dump`: write the graph drawing here (PNG through Graphviz `dot`) first.
  std::string dump_png_path;
};

/// Loads, validates and runs the main graph until it ends; SIGINT/SIGTERM stop it gracefully.
int run_command(const RunOptions& options);

struct ValidateOptions {
  ConfigSource source;
};

/// Loads the config and plans the graph against the registry without starting it; prints
/// "FILE: ok" or every diagnostic.
int validate_command(const ValidateOptions& options);

/// Prints every node type the registry (built-ins plus `-p` plugins) knows, with its ports.
int list_types_command(const ConfigSource& source);

struct DrawOptions {
  ConfigSource source;
  std::string format = "dot";  ///< "dot" or "mermaid"
};

/// Prints the main graph's drawing (DOT or Mermaid).
int graph_command(const DrawOptions& options);

/// A config path naming an XStream JSON workflow (`.json`) rather than a TOML graph.
inline bool is_workflow_path(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
}

struct WorkflowRunOptions {
  std::string config_path;
  std::vector<std::string> plugins;  ///< `--plugin LIB`, loaded in order
  std::uint64_t frames = 1;          ///< 0 = until SIGINT/SIGTERM
  std::string profile_path;          ///< `--profile FILE`: chrome-trace output (empty = off)
  bool dump = false;                 ///< `--dump`: per-node statistics table
};

/// Runs an XStream workflow over generated frames and prints a per-group summary
/// (workflow_run_command.cpp). Exit 0, 1 when a node failed, 2 for config or plugin errors.
int workflow_run_command(const WorkflowRunOptions& options);

struct WorkflowValidateOptions {
  std::string config_path;
  std::vector<std::string> plugins;  ///< `--plugin LIB`: unknown method types become errors
  bool print_expanded = false;       ///< print the flat (expanded) workflow JSON to stdout
};

/// Loads, expands and validates an XStream workflow, checks its method types against the
/// plugins; exits 1 on any error (workflow_validate_command.cpp).
int workflow_validate_command(const WorkflowValidateOptions& options);

}  // namespace rill::cli
