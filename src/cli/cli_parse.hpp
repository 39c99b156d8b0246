#pragma once
// parse_command_line: CLI11 parsing with rill's exit codes (help and --version exit 0, any usage
// error exits 2 like a bad config — CLI11's own codes (100+) would tell scripts nothing).

#include <optional>

#include <CLI/CLI.hpp>

#include "exit_codes.hpp"

namespace rill::cli {

/// Parses; returns the exit code when the process should end now (help, version, usage error),
/// std::nullopt when the command should run.
inline std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // help or version, printed to stdout
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and a "Run with --help" hint to stderr
    return kExitConfigError;
  }
  return std::nullopt;
}

}  // namespace rill::cli
