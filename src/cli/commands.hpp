#pragma once
// The commands behind `rill run|validate|graph` (and `megflow_run`). Each takes parsed options,
// prints to stdout/stderr, and returns the process exit code (exit_codes.hpp). The CLI11 front
// ends (rill_cli.cpp, megflow_cli.cpp) only map flags onto these options.

#include <string>

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

}  // namespace rill::cli
