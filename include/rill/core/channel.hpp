#pragma once
// Channel<T>: the bounded MPMC queue that joins nodes. make_channel() gives a {Sender, Receiver}
// pair; copies of either are further ends; the last Sender's destruction closes the channel
// (RAII end-of-stream), as does the last Receiver's (sends then fail) or an explicit close().
//
// Implementation: a ring and two waiter lists under one per-channel spin lock held for a few
// dozen instructions. Waiters are handed their result directly (a value into a parked receiver,
// a parked sender's value into the ring), so a woken party never has to retry and never races
// a newcomer for the slot it was woken for.

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "rill/core/detail/ring.hpp"
#include "rill/core/detail/spin_lock.hpp"
#include "rill/core/detail/waiter.hpp"
#include "rill/core/envelope.hpp"
#include "rill/core/executor.hpp"
#include "rill/core/task.hpp"
#include "rill/core/timer.hpp"

namespace rill {

enum class SendStatus : std::uint8_t { kOk, kFull, kClosed };
/// kValue: a value; kEmpty: nothing yet (try_ forms); kEnd: closed and drained; kMarker: a flush
/// marker (end of one client's stream through a shared node; the channel stays open);
/// kTimeout: the deadline passed.
enum class RecvStatus : std::uint8_t { kValue, kEmpty, kEnd, kMarker, kTimeout };

/// Marker support: an in-band flush signal (one shared-node client's end of stream). Only
/// Envelope channels carry them.
template <typename T>
struct MarkerTraits {
  static constexpr bool kSupported = false;
  static bool is_marker(const T&) { return false; }
  static T make() { return T{}; }
};
template <>
struct MarkerTraits<Envelope> {
  static constexpr bool kSupported = true;
  static bool is_marker(const Envelope& e) { return e.is_marker(); }
  static Envelope make() { return Envelope::marker(); }
};

template <typename T>
struct RecvResult {
  RecvStatus status = RecvStatus::kEnd;
  std::optional<T> value;
};

template <typename T>
struct BatchResult {
  std::vector<T> values;
  bool closed = false;  ///< end-of-stream or a marker ended the batch
};

/// Counters of one channel, readable at any time without the lock (approximate while running).
struct ChannelStats {
  std::size_t depth = 0;
  std::size_t capacity = 0;
  std::uint64_t sent = 0;
  std::uint64_t received = 0;
  bool closed = false;
};

namespace detail {

/// The executor of the calling coroutine; channels resume waiters where they suspended.
inline Executor* resume_executor() {
  Executor* ex = Executor::current();
  assert(ex && "channel awaited outside an executor; use sync_wait or the blocking forms");
  return ex;
}

/// Shared state of one channel; every field is guarded by `lock` except the atomics mirrored
/// for lock-free status reads.
template <typename T>
class ChannelState {
 public:
  // The ring starts small and grows to what the queue really holds: a large `cap` costs memory
  // only when the queue fills up.
  explicit ChannelState(std::size_t capacity)
      : cap(capacity), ring(std::min(capacity, kInitialRing)) {}
  static constexpr std::size_t kInitialRing = 64;

  SpinLock lock;
  const std::size_t cap;
  Ring<T> ring;
  std::size_t data_items = 0;  // non-marker items in `ring` (markers ignore capacity)
  WaitList recv_waiters;
  WaitList send_waiters;
  int senders = 1;
  int receivers = 1;
  bool closed = false;
  std::map<std::uint64_t, int> marker_owed;  // sender epoch -> sender ends that still owe it
  std::uint64_t recv_epoch = 0;              // markers taken out of the ring so far
  std::uint64_t sent = 0;
  std::uint64_t received = 0;

  std::atomic<std::size_t> depth_mirror{0};
  std::atomic<bool> closed_mirror{false};
  std::atomic<std::uint64_t> sent_mirror{0};
  std::atomic<std::uint64_t> received_mirror{0};

  void mirror() {
    depth_mirror.store(data_items, std::memory_order_relaxed);
    sent_mirror.store(sent, std::memory_order_relaxed);
    received_mirror.store(received, std::memory_order_relaxed);
  }

  /// Puts a data value into the channel: straight into a parked receiver when one waits (the
  /// ring is then empty), else into the ring. Caller checked capacity and `closed`.
  void deliver_locked(T&& v, ResumeList& rl) {
    ++sent;
    if (Waiter* w = recv_waiters.claim_front()) {
      static_cast<std::optional<T>*>(w->slot)->emplace(std::move(v));
      *w->status = static_cast<std::uint8_t>(RecvStatus::kValue);
      ++received;
      rl.add(w);
    } else {
      ring.push(std::move(v));
      ++data_items;
    }
    mirror();
  }

  /// Enqueues a marker: every parked receiver observes it at once; otherwise it waits in the ring.
  void deliver_marker_locked(ResumeList& rl) {
    if (recv_waiters.empty()) {
      ring.push(MarkerTraits<T>::make());
      return;
    }
    ++recv_epoch;
    while (Waiter* w = recv_waiters.claim_front()) {
      ++*w->epoch;
      *w->status = static_cast<std::uint8_t>(RecvStatus::kMarker);
      rl.add(w);
    }
  }

  /// After a data item left the ring: move a parked sender's value in behind it.
  void admit_sender_locked(ResumeList& rl) {
    if (data_items >= cap || closed) return;
    if (Waiter* w = send_waiters.claim_front()) {
      ring.push(std::move(*static_cast<T*>(w->slot)));
      ++data_items;
      ++sent;
      *w->status = static_cast<std::uint8_t>(SendStatus::kOk);
      rl.add(w);
    }
  }

  void close_locked(ResumeList& rl) {
    if (closed) return;
    closed = true;
    closed_mirror.store(true, std::memory_order_release);
    while (Waiter* w = send_waiters.claim_front()) {
      *w->status = static_cast<std::uint8_t>(SendStatus::kClosed);
      rl.add(w);
    }
    // Parked receivers only exist while the ring is empty: they all see end-of-stream.
    while (Waiter* w = recv_waiters.claim_front()) {
      *w->status = static_cast<std::uint8_t>(RecvStatus::kEnd);
      rl.add(w);
    }
  }

  SendStatus try_send_locked(T& v, ResumeList& rl) {
    if (closed) return SendStatus::kClosed;
    if (data_items >= cap) return SendStatus::kFull;
    deliver_locked(std::move(v), rl);
    return SendStatus::kOk;
  }

  RecvStatus try_recv_locked(std::optional<T>& out, std::uint64_t& epoch, ResumeList& rl) {
    if (epoch < recv_epoch) {  // another end took a marker this end has not observed yet
      ++epoch;
      return RecvStatus::kMarker;
    }
    if (ring.empty()) return closed ? RecvStatus::kEnd : RecvStatus::kEmpty;
    T v = ring.pop();
    if (MarkerTraits<T>::is_marker(v)) {
      ++recv_epoch;
      ++epoch;
      return RecvStatus::kMarker;
    }
    --data_items;
    ++received;
    out.emplace(std::move(v));
    admit_sender_locked(rl);
    mirror();
    return RecvStatus::kValue;
  }
};

}  // namespace detail

template <typename T>
class Receiver;

/// The sending end of a channel. Copying adds a sender end (a clone shares the channel); the
/// channel closes when the last sender end is released.
///
/// Thread safety: one end object is used by one party at a time; distinct ends of one channel
/// may be used concurrently from any threads.
template <typename T>
class Sender {
 public:
  Sender() = default;
  Sender(const Sender& o) : st_(o.st_), epoch_(o.epoch_) {
    if (st_) {
      std::lock_guard g(st_->lock);
      ++st_->senders;
    }
  }
  Sender(Sender&& o) noexcept : st_(std::move(o.st_)), epoch_(o.epoch_) {}
  Sender& operator=(Sender o) noexcept {
    std::swap(st_, o.st_);
    std::swap(epoch_, o.epoch_);
    return *this;
  }
  // Only std::bad_alloc can escape (from the wake list), which no destructor could recover from.
  ~Sender() { release(); }  // NOLINT(bugprone-exception-escape)

  [[nodiscard]] bool valid() const { return static_cast<bool>(st_); }

  /// Drops this end now (as if destroyed). The last sender end closes the channel.
  void release() {
    if (!st_) return;
    auto st = std::move(st_);
    detail::ResumeList rl;
    std::lock_guard g(st->lock);
    --st->senders;
    // Markers this end still owes count as sent, so a departed clone cannot hold back a flush.
    for (auto it = st->marker_owed.lower_bound(epoch_); it != st->marker_owed.end();) {
      if (--it->second <= 0) {
        st->deliver_marker_locked(rl);
        it = st->marker_owed.erase(it);
      } else {
        ++it;
      }
    }
    if (st->senders == 0) st->close_locked(rl);
  }

  /// Sends without waiting: kOk, kFull or kClosed. On failure `v` is left untouched.
  SendStatus try_send(T& v) {
    if (!st_) return SendStatus::kClosed;
    detail::ResumeList rl;
    std::lock_guard g(st_->lock);
    return st_->try_send_locked(v, rl);
  }
  SendStatus try_send(T&& v) { return try_send(v); }

  /// Awaitable send: suspends while the channel is full (backpressure). Resolves to kOk, or
  /// kClosed when the channel is closed (the value is dropped). Not cancellable except by
  /// closing the channel.
  auto send(T v) {
    struct Awaiter : detail::CoroWaiter {
      Sender* self;
      T value;
      std::uint8_t st = static_cast<std::uint8_t>(SendStatus::kOk);
      Awaiter(Sender* s, T v) : self(s), value(std::move(v)) {}
      bool await_ready() noexcept { return false; }
      bool await_suspend(std::coroutine_handle<> h) {
        handle = h;
        executor = detail::resume_executor();
        return self->send_or_park(this, value, &st);
      }
      SendStatus await_resume() const noexcept { return static_cast<SendStatus>(st); }
    };
    return Awaiter(this, std::move(v));
  }

  /// Blocking send for host threads (never call it on an executor worker).
  SendStatus send_blocking(T v) {
    detail::ThreadWaiter w;
    std::uint8_t st = 0;
    if (send_or_park(&w, v, &st)) w.wait();
    return static_cast<SendStatus>(st);
  }

  /// Emits a flush marker from this end. One marker is enqueued once every sender end of the
  /// channel has emitted its marker for this epoch, so a marker passes a fan-in only after all
  /// producers (e.g. all clones) flushed. Markers do not count against capacity.
  void send_marker() {
    static_assert(MarkerTraits<T>::kSupported, "markers need a channel of Envelope");
    if (!st_) return;
    detail::ResumeList rl;
    std::lock_guard g(st_->lock);
    if (st_->closed) return;
    auto [it, fresh] = st_->marker_owed.try_emplace(epoch_, st_->senders);
    ++epoch_;
    if (--it->second <= 0) {
      st_->marker_owed.erase(it);
      st_->deliver_marker_locked(rl);
    }
  }

  /// Closes the whole channel: further sends fail, receivers drain and then see end-of-stream.
  void close() {
    if (!st_) return;
    detail::ResumeList rl;
    std::lock_guard g(st_->lock);
    st_->close_locked(rl);
  }

  [[nodiscard]] bool closed() const {
    return !st_ || st_->closed_mirror.load(std::memory_order_acquire);
  }
  [[nodiscard]] ChannelStats stats() const { return stats_of(st_.get()); }
  /// Identity of the underlying channel (for tests and graph dumps).
  [[nodiscard]] const void* channel_id() const { return st_.get(); }
  [[nodiscard]] std::weak_ptr<detail::ChannelState<T>> state_weak() const { return st_; }

  static ChannelStats stats_of(const detail::ChannelState<T>* st) {
    if (!st) return {};
    return ChannelStats{st->depth_mirror.load(std::memory_order_relaxed), st->cap,
                        st->sent_mirror.load(std::memory_order_relaxed),
                        st->received_mirror.load(std::memory_order_relaxed),
                        st->closed_mirror.load(std::memory_order_relaxed)};
  }

 private:
  template <typename U>
  friend std::pair<Sender<U>, Receiver<U>> make_channel(std::size_t cap);
  template <typename U>
  friend class Receiver;

  explicit Sender(std::shared_ptr<detail::ChannelState<T>> st) : st_(std::move(st)) {}

  /// Sends `v` if possible (status written to *st); else parks `w`. True when parked.
  bool send_or_park(detail::Waiter* w, T& v, std::uint8_t* st) {
    if (!st_) {
      *st = static_cast<std::uint8_t>(SendStatus::kClosed);
      return false;
    }
    detail::ResumeList rl;
    std::lock_guard g(st_->lock);
    SendStatus s = st_->try_send_locked(v, rl);
    *st = static_cast<std::uint8_t>(s);
    if (s != SendStatus::kFull) return false;
    w->slot = &v;
    w->status = st;
    st_->send_waiters.push_back(w);
    return true;
  }

  std::shared_ptr<detail::ChannelState<T>> st_;
  std::uint64_t epoch_ = 0;  // marker epoch of this sender end
};

/// The receiving end of a channel. Copying adds a receiver end (competing consumers); each end
/// observes every flush marker exactly once.
///
/// Thread safety: as for Sender.
template <typename T>
class Receiver {
 public:
  Receiver() = default;
  Receiver(const Receiver& o) : st_(o.st_), epoch_(o.epoch_) {
    if (st_) {
      std::lock_guard g(st_->lock);
      ++st_->receivers;
    }
  }
  Receiver(Receiver&& o) noexcept : st_(std::move(o.st_)), epoch_(o.epoch_), last_(o.last_) {}
  Receiver& operator=(Receiver o) noexcept {
    std::swap(st_, o.st_);
    std::swap(epoch_, o.epoch_);
    std::swap(last_, o.last_);
    return *this;
  }
  ~Receiver() { release(); }

  [[nodiscard]] bool valid() const { return static_cast<bool>(st_); }

  /// Drops this end now. The last receiver end closes the channel (sends then fail).
  void release() {
    if (!st_) return;
    auto st = std::move(st_);
    detail::ResumeList rl;
    std::lock_guard g(st->lock);
    if (--st->receivers == 0) st->close_locked(rl);
  }

  /// Receives without waiting: kValue (into `out`), kEmpty, kMarker or kEnd.
  RecvStatus try_recv(std::optional<T>& out) {
    if (!st_) return last_ = RecvStatus::kEnd;
    detail::ResumeList rl;
    std::lock_guard g(st_->lock);
    RecvStatus s = st_->try_recv_locked(out, epoch_, rl);
    if (s != RecvStatus::kEmpty) last_ = s;
    return s;
  }

  /// Awaitable receive. Resolves to the value, or std::nullopt at end-of-stream (closed and
  /// drained) or on a flush marker; last_status() tells which. Not cancellable except by
  /// closing the channel.
  auto recv() {
    struct Awaiter : detail::CoroWaiter {
      Receiver* self;
      std::optional<T> out;
      std::uint8_t st = static_cast<std::uint8_t>(RecvStatus::kEmpty);
      explicit Awaiter(Receiver* r) : self(r) {}
      bool await_ready() noexcept { return false; }
      bool await_suspend(std::coroutine_handle<> h) {
        handle = h;
        executor = detail::resume_executor();
        return self->recv_or_park(this, out, &st);
      }
      std::optional<T> await_resume() {
        self->last_ = static_cast<RecvStatus>(st);
        return std::move(out);
      }
    };
    return Awaiter(this);
  }

  /// Status of the last completed receive: kValue, kEnd or kMarker (kTimeout for timed forms).
  [[nodiscard]] RecvStatus last_status() const { return last_; }

  /// Awaitable receive with a deadline: kValue, kEnd, kMarker or kTimeout.
  Task<RecvResult<T>> recv_until(std::chrono::steady_clock::time_point deadline);
  Task<RecvResult<T>> recv_for(std::chrono::nanoseconds timeout) {
    return recv_until(std::chrono::steady_clock::now() + timeout);
  }

  /// Collects up to `n` values, waiting at most `timeout` from the call (the timer does not
  /// restart per message). Stops early at end-of-stream or a marker (closed = true); n == 0
  /// returns at once with nothing.
  Task<BatchResult<T>> batch_recv(std::size_t n, std::chrono::nanoseconds timeout);

  /// Blocking receive for host threads: the value, or std::nullopt at end-of-stream/marker.
  std::optional<T> recv_blocking() {
    detail::ThreadWaiter w;
    std::optional<T> out;
    std::uint8_t st = 0;
    if (recv_or_park(&w, out, &st)) w.wait();
    last_ = static_cast<RecvStatus>(st);
    return out;
  }

  /// Closes the whole channel (as Sender::close()).
  void close() {
    if (!st_) return;
    detail::ResumeList rl;
    std::lock_guard g(st_->lock);
    st_->close_locked(rl);
  }
  [[nodiscard]] bool closed() const {
    return !st_ || st_->closed_mirror.load(std::memory_order_acquire);
  }
  [[nodiscard]] ChannelStats stats() const { return Sender<T>::stats_of(st_.get()); }
  [[nodiscard]] const void* channel_id() const { return st_.get(); }
  [[nodiscard]] std::weak_ptr<detail::ChannelState<T>> state_weak() const { return st_; }

  /// A new sender end on this channel (e.g. to re-inject into a channel one reads).
  [[nodiscard]] Sender<T> make_sender() const {
    if (!st_) return {};
    std::lock_guard g(st_->lock);
    ++st_->senders;
    return Sender<T>(st_);
  }

  /// Receives into out/status if possible; else parks `w`. True when parked.
  bool recv_or_park(detail::Waiter* w, std::optional<T>& out, std::uint8_t* status) {
    if (!st_) {
      *status = static_cast<std::uint8_t>(RecvStatus::kEnd);
      return false;
    }
    detail::ResumeList rl;
    std::lock_guard g(st_->lock);
    RecvStatus s = st_->try_recv_locked(out, epoch_, rl);
    *status = static_cast<std::uint8_t>(s);
    if (s != RecvStatus::kEmpty) return false;
    w->slot = &out;
    w->status = status;
    w->epoch = &epoch_;
    st_->recv_waiters.push_back(w);
    return true;
  }
  /// Unlinks a parked waiter that gave up (timed out). No-op when already unlinked.
  void unpark(detail::Waiter* w) {
    std::lock_guard g(st_->lock);
    st_->recv_waiters.remove(w);
  }

 private:
  template <typename U>
  friend std::pair<Sender<U>, Receiver<U>> make_channel(std::size_t cap);

  explicit Receiver(std::shared_ptr<detail::ChannelState<T>> st) : st_(std::move(st)) {}

  std::shared_ptr<detail::ChannelState<T>> st_;
  std::uint64_t epoch_ = 0;  // markers this receiver end has observed
  RecvStatus last_ = RecvStatus::kValue;
};

/// A non-owning handle on a channel: can close it and read its stats, but is not an end (it does
/// not keep the channel open). Thread safety: any thread.
template <typename T>
class ChannelHandle {
 public:
  ChannelHandle() = default;
  explicit ChannelHandle(const Sender<T>& s) : st_(s.state_weak()) {}
  explicit ChannelHandle(const Receiver<T>& r) : st_(r.state_weak()) {}
  void close() const {
    if (auto st = st_.lock()) {
      detail::ResumeList rl;
      std::lock_guard g(st->lock);
      st->close_locked(rl);
    }
  }
  [[nodiscard]] ChannelStats stats() const { return Sender<T>::stats_of(st_.lock().get()); }

 private:
  std::weak_ptr<detail::ChannelState<T>> st_;
};

/// Creates a channel of capacity `cap` (≥ 1) and returns its first sender and receiver ends.
template <typename T>
std::pair<Sender<T>, Receiver<T>> make_channel(std::size_t cap) {
  assert(cap >= 1);
  auto st = std::make_shared<detail::ChannelState<T>>(cap);
  return {Sender<T>(st), Receiver<T>(st)};
}

// ---------------------------------------------------------------------------------------------
// Timed receive.

namespace detail {

/// Heap state of a timed receive, shared by the awaiting coroutine and the timer: whichever of
/// "result handed over" and "deadline passed" comes first wins; the other becomes a no-op.
template <typename T>
struct TimedWait : Waiter {
  enum : int { kWaiting, kClaimed, kTimedOut };
  std::atomic<int> state{kWaiting};
  std::atomic<TimerId> timer{0};
  std::coroutine_handle<> handle;
  Executor* executor = nullptr;
  std::optional<T> out;
  std::uint8_t st = static_cast<std::uint8_t>(RecvStatus::kEmpty);
  TimedWait() {
    claim = [](Waiter* w) noexcept {
      int expected = kWaiting;
      return static_cast<TimedWait*>(w)->state.compare_exchange_strong(expected, kClaimed);
    };
    resume = [](Waiter* w) noexcept {
      auto* self = static_cast<TimedWait*>(w);
      self->executor->schedule(self->handle);
    };
  }
};

/// Not an aggregate on purpose: GCC 12 destroys a brace-initialised aggregate awaiter twice when
/// it is the operand of co_await (docs/architecture.md, "Toolchain notes").
template <typename T>
struct TimedRecvAwaiter {
  TimedRecvAwaiter(Receiver<T>* r, std::chrono::steady_clock::time_point dl)
      : rx(r), deadline(dl), ws(std::make_shared<TimedWait<T>>()) {}

  Receiver<T>* rx;
  std::chrono::steady_clock::time_point deadline;
  std::shared_ptr<TimedWait<T>> ws;

  bool await_ready() noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    ws->handle = h;
    ws->executor = resume_executor();
    // Copies on this stack: once parked, the coroutine may resume on another thread and
    // destroy this awaiter, so nothing below may touch `this`.
    std::shared_ptr<TimedWait<T>> w = ws;
    Receiver<T>* r = rx;
    const auto dl = deadline;
    if (!r->recv_or_park(w.get(), w->out, &w->st)) return false;
    // Parked before the timer exists, so the timer always finds the waiter linked or claimed.
    TimerId id = TimerService::instance().schedule_at(dl, [w, r]() {
      int expected = TimedWait<T>::kWaiting;
      if (!w->state.compare_exchange_strong(expected, TimedWait<T>::kTimedOut)) return;
      r->unpark(w.get());  // still suspended, so the receiver is alive
      w->executor->schedule(w->handle);
    });
    w->timer.store(id);
    if (w->state.load() == TimedWait<T>::kClaimed) TimerService::instance().cancel(id);
    return true;
  }
  RecvResult<T> await_resume() {
    if (TimerId id = ws->timer.load()) TimerService::instance().cancel(id);
    auto status = static_cast<RecvStatus>(ws->st);
    if (status == RecvStatus::kEmpty) status = RecvStatus::kTimeout;
    return RecvResult<T>{status, std::move(ws->out)};
  }
};

}  // namespace detail

template <typename T>
Task<RecvResult<T>> Receiver<T>::recv_until(std::chrono::steady_clock::time_point deadline) {
  RecvResult<T> r = co_await detail::TimedRecvAwaiter<T>(this, deadline);
  if (r.status != RecvStatus::kTimeout) last_ = r.status;
  co_return r;
}

template <typename T>
Task<BatchResult<T>> Receiver<T>::batch_recv(std::size_t n, std::chrono::nanoseconds timeout) {
  BatchResult<T> out;
  if (n == 0) co_return out;
  // Up to a point: `n` may be a user's number far above what will ever arrive.
  out.values.reserve(std::min<std::size_t>(n, 256));
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.values.size() < n) {
    RecvResult<T> r = co_await recv_until(deadline);
    if (r.status == RecvStatus::kValue) {
      // kValue always carries a value.
      out.values.push_back(std::move(*r.value));  // NOLINT(bugprone-unchecked-optional-access)
    } else if (r.status == RecvStatus::kTimeout) {
      break;
    } else {
      out.closed = true;
      break;
    }
  }
  co_return out;
}

}  // namespace rill
