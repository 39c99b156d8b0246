#pragma once
// rill's limits on what a config (or a request) may ask for: the one place they are defined.
// Each bounds a resource that hostile or mistaken input could otherwise exhaust (memory, stack,
// threads, terminal); each is far above what real MegFlow and XStream configs use.
// docs/robustness.md tables them, and tests/core/limits_test.cpp checks the table against them.

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

/// Nesting levels of a MegFlow (TOML) config and of its template:
/// - template expressions: `(`, `[`, `{`, a call's parentheses and a unary `-` each open a level
///   for what they enclose; the steps of a path (`a.b.c`: 2) and the operators or filters of a
///   chain (`1 + 2 + 3`, `x | upper | trim`: 2) add a level each;
/// - template blocks: `for`, `if` and `scope` inside one another;
/// - values a template builds (list and map literals, assignments into a path), so that a loop
///   repeating `{{ a = [a] }}` cannot build one without bound;
/// - TOML keys: the segments of a key's table header, of the dotted keys whose inline-table
///   values enclose it and of its own dotted key (`[a.b]` then `c = { d.e = 1 }` puts `e` at
///   level 5); arrays do not count (toml++ bounds them itself).
/// Real MegFlow configs nest fewer than 10 levels; 128 leaves room for generated ones, while the
/// recursion it allows needs a few hundred KiB of stack at most. Checked before recursing.
inline constexpr int kMaxNesting = 128;

/// Nesting levels of the values in an XStream (JSON) workflow, the top-level value being level 0:
/// what jsoncpp's default reader (the one XStream parses with) accepts, so that every workflow
/// XStream reads is read here too. The same bound applies after templates and includes are
/// expanded, which splice one document into another.
inline constexpr int kMaxJsonNesting = 1000;

/// Steps one template render may take (a step renders one text run, tag, block or loop
/// iteration): nested loops multiply; ten million steps render in about a second.
inline constexpr std::int64_t kMaxTemplateSteps = 10'000'000;

/// Elements of one template `range(...)`: its list is built whole, and a loop over it renders
/// as many copies of its body.
inline constexpr std::int64_t kMaxRangeLength = 1'000'000;

/// Pixels of one still image (ImageInput, the image decoder), read from its header before any
/// codec allocates: 268 million pixels (16384 × 16384) are 805 MB in BGR.
inline constexpr std::int64_t kMaxImagePixels = std::int64_t{1} << 28;

}  // namespace rill::limits
