#pragma once
// Intrusive waiter records used by channels and events: a suspended coroutine, a blocked host
// thread or a timed wait all look the same to the structure that wakes them.

#include <atomic>
#include <cassert>
#include <coroutine>
#include <cstdint>

#include "rill/core/executor.hpp"

namespace rill::detail {

/// One party waiting on a channel or event. Lives in the waiting coroutine's frame (or in a heap
/// state for timed waits); linked into a WaitList under the owner's lock.
///
/// Protocol: under the owner's lock the waker unlinks the waiter and calls claim(); if that
/// returns true it hands over the result (a value, end-of-stream, ...) through the typed fields
/// of the owner and, after releasing the lock, calls resume(). A timed waiter whose deadline
/// already fired refuses the claim, and the waker moves on to the next waiter.
struct Waiter {
  bool (*claim)(Waiter* self) noexcept = [](Waiter*) noexcept { return true; };
  void (*resume)(Waiter* self) noexcept = nullptr;
  Waiter* next = nullptr;
  Waiter* prev = nullptr;
  bool linked = false;
  // Typed hand-over slots, interpreted by the owner (e.g. Channel<T>).
  void* slot = nullptr;            ///< receiver: std::optional<T>*; sender: T*
  std::uint8_t* status = nullptr;  ///< RecvStatus / SendStatus written by the waker
  std::uint64_t* epoch = nullptr;  ///< receiver end's marker epoch
};

/// Doubly linked FIFO of waiters. Not thread-safe: guarded by its owner's lock.
class WaitList {
 public:
  [[nodiscard]] bool empty() const { return head_ == nullptr; }
  void push_back(Waiter* w) {
    assert(!w->linked);
    w->next = nullptr;
    w->prev = tail_;
    if (tail_) {
      tail_->next = w;
    } else {
      head_ = w;
    }
    tail_ = w;
    w->linked = true;
  }
  Waiter* pop_front() {
    Waiter* w = head_;
    if (w) remove(w);
    return w;
  }
  /// Pops waiters until one accepts the claim; nullptr when none does.
  Waiter* claim_front() {
    while (Waiter* w = pop_front()) {
      if (w->claim(w)) return w;
    }
    return nullptr;
  }
  void remove(Waiter* w) {
    if (!w->linked) return;
    if (w->prev) {
      w->prev->next = w->next;
    } else {
      head_ = w->next;
    }
    if (w->next) {
      w->next->prev = w->prev;
    } else {
      tail_ = w->prev;
    }
    w->next = w->prev = nullptr;
    w->linked = false;
  }

 private:
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
};

/// A small list of claimed waiters to resume once the owner's lock is released.
class ResumeList {
 public:
  ResumeList() = default;
  ResumeList(const ResumeList&) = delete;
  ResumeList& operator=(const ResumeList&) = delete;
  ~ResumeList() { run(); }
  void add(Waiter* w) {
    if (!w) return;
    w->next = head_;
    head_ = w;
  }
  void run() {
    while (Waiter* w = head_) {
      head_ = w->next;
      w->next = nullptr;
      w->resume(w);
    }
  }

 private:
  Waiter* head_ = nullptr;
};

/// Resumes a coroutine on the executor it suspended on.
struct CoroWaiter : Waiter {
  std::coroutine_handle<> handle;
  Executor* executor = nullptr;
  CoroWaiter() { resume = &CoroWaiter::do_resume; }
  static void do_resume(Waiter* w) noexcept {
    auto* self = static_cast<CoroWaiter*>(w);
    self->executor->schedule(self->handle);
  }
};

/// Blocks a plain (host) thread until resumed.
struct ThreadWaiter : Waiter {
  std::atomic<std::uint32_t> woken{0};
  ThreadWaiter() { resume = &ThreadWaiter::do_resume; }
  static void do_resume(Waiter* w) noexcept {
    auto* self = static_cast<ThreadWaiter*>(w);
    // The waiter may return (and its stack frame end) between the store and the notify; the
    // notify is a futex wake on the address, which reads nothing there, so that is harmless.
    self->woken.store(1, std::memory_order_release);
    self->woken.notify_one();
  }
  void wait() {
    while (woken.load(std::memory_order_acquire) == 0) woken.wait(0, std::memory_order_acquire);
  }
};

}  // namespace rill::detail
