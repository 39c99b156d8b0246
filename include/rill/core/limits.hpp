#pragma once
// rill's limits on what a config (or a request) may ask for: the one place they are defined.
// Each bounds a resource that hostile or mistaken input could otherwise exhaust (memory, stack,
// threads, terminal); each is far above what real MegFlow and XStream configs use. docs/cli.md
// lists them ("Limits"), and a test checks that table against these values.

#include <cstddef>
#include <cstdint>

namespace rill::limits {

/// Capacity of one channel (`cap`), in messages. A channel's queue grows to what it holds, so a
/// large cap costs nothing until it fills; a queue of a million frames is a leak, not a buffer.
inline constexpr std::int64_t kMaxChannelCap = std::int64_t{1} << 20;

/// Copies of one node (`cloned`): each is a node instance with its own state and coroutine.
inline constexpr std::int64_t kMaxCloned = 1024;

/// `[[executors]]` in one config, and threads in one of them: each thread is an OS thread.
inline constexpr std::int64_t kMaxExecutors = 64;
inline constexpr std::int64_t kMaxExecutorThreads = 256;

/// Messages in one batch (Batch's `batch_size`, a batch_recv's `n`).
inline constexpr std::int64_t kMaxBatchSize = 1 << 16;

/// Bytes of one config file or included file. Device files and FIFOs are refused outright.
inline constexpr std::size_t kMaxConfigFileBytes = std::size_t{16} << 20;

/// Characters of one diagnostic message: a value echoed into an error is cut, not repeated.
inline constexpr std::size_t kMaxMessageChars = 1024;

/// Diagnostics kept from one validation; the rest are counted ("N more not shown").
inline constexpr std::size_t kMaxDiagnostics = 100;

}  // namespace rill::limits
