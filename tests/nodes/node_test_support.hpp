#pragma once
// Small helpers shared by the built-in node tests, which run nodes under rill::testing's
// NodeHarness: envelopes to feed them and a bounded wait for nodes driven by timers or a pool.

#include <chrono>
#include <cstdint>
#include <string_view>
#include <thread>
#include <vector>

#include "rill/core/envelope.hpp"
#include "rill/core/executor.hpp"
#include "rill/core/testing.hpp"

namespace rill::testing {

/// An envelope carrying int `v`.
inline Envelope msg(std::int64_t v) { return Envelope(Value(v)); }

/// An envelope carrying int `id` with partial_id `id`.
inline Envelope numbered(std::uint64_t id) {
  Envelope e = msg(static_cast<std::int64_t>(id));
  e.info().set_partial_id(id);
  return e;
}

/// Options for a small test pool.
inline ExecutorOptions pool_options(std::string name, int threads) {
  ExecutorOptions o;
  o.name = std::move(name);
  o.threads = threads;
  return o;
}

/// Envelopes of output `port` until at least `count` arrived or the port ended, within
/// `timeout`: for nodes woken by timers or running on a thread pool (drain() steps the harness's
/// manual executor, and is a no-op on another executor).
inline std::vector<Envelope> take_at_least(
    NodeHarness& h, std::string_view port, std::size_t count,
    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<Envelope> got;
  for (;;) {
    h.drain();
    for (Envelope& e : h.take(port)) got.push_back(std::move(e));
    if (got.size() >= count || h.ended(port) || std::chrono::steady_clock::now() >= deadline) {
      return got;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

/// Every envelope of output `port` until it ends (at most `timeout`; check h.ended(port)).
inline std::vector<Envelope> take_until_ended(
    NodeHarness& h, std::string_view port,
    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  return take_at_least(h, port, static_cast<std::size_t>(-1), timeout);
}

}  // namespace rill::testing
