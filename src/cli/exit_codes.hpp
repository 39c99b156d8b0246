#pragma once
// Process exit codes of `rill` and `megflow_run`, shared by every command so scripts and tests
// can tell a bad config from a failed run.

namespace rill::cli {

/// The graph ran to its end (also after a graceful SIGINT/SIGTERM drain), or a check passed.
inline constexpr int kExitOk = 0;
/// The graph ran and a node failed (the message names the node path).
inline constexpr int kExitRunError = 1;
/// Nothing ran: bad command line, config that failed validation, or a plugin that did not load.
inline constexpr int kExitConfigError = 2;
/// A second SIGINT/SIGTERM while draining: the process quits at once (128 + SIGINT, as shells do).
inline constexpr int kExitInterrupted = 130;

}  // namespace rill::cli
