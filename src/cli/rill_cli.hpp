#pragma once
// The two command-line front ends of the one `rill` binary; main() picks by argv[0].

namespace rill::cli {

/// `rill run|validate|graph ...`; returns the exit code.
int run_rill_cli(int argc, char** argv);

/// `megflow_run ...` with MegFlow's flags and defaults (docs/cli.md, "megflow_run"); behaves
/// as `rill run`. Returns the exit code.
int run_megflow_cli(int argc, char** argv);

}  // namespace rill::cli
