#pragma once
// Task<T>: a lazy coroutine that starts when awaited and resumes its awaiter by symmetric
// transfer when it finishes. spawn() starts a root task on an executor; sync_wait() drives one
// from a plain thread.

#include <atomic>
#include <cassert>
#include <coroutine>
#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "rill/core/executor.hpp"

namespace rill {

template <typename T = void>
class Task;

namespace detail {

/// Coroutine frames are allocated and freed once per node activation; a small thread-local
/// cache of recently freed frames keeps that off the allocator's slow path.
void* allocate_frame(std::size_t size);
void free_frame(void* p, std::size_t size) noexcept;

struct PromiseBase {
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) const noexcept {
      return h.promise().continuation_;
    }
    void await_resume() const noexcept {}
  };

  std::suspend_always initial_suspend() const noexcept { return {}; }
  FinalAwaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }

  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept { free_frame(p, size); }

  std::coroutine_handle<> continuation_ = std::noop_coroutine();
  std::exception_ptr exception_;
};

template <typename T>
struct Promise : PromiseBase {
  Task<T> get_return_object() noexcept;
  template <typename U>
  void return_value(U&& v) {
    value_.emplace(std::forward<U>(v));
  }
  T take() {
    if (exception_) std::rethrow_exception(exception_);
    // A coroutine that ended without an exception returned a value (return_value ran).
    return std::move(*value_);  // NOLINT(bugprone-unchecked-optional-access)
  }
  std::optional<T> value_;
};

template <>
struct Promise<void> : PromiseBase {
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take() {
    if (exception_) std::rethrow_exception(exception_);
  }
};

}  // namespace detail

/// A lazily started coroutine returning T.
///
/// Lifecycle: owns its frame; destroying a Task that was never awaited destroys the frame.
/// Await it exactly once. Cancellation: a Task cannot be cancelled from outside; code that must
/// stop early checks a stop flag (Context::stop_requested()). Thread safety: none needed — one
/// owner at a time.
template <typename T>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  Task() = default;
  explicit Task(Handle h) noexcept : h_(h) {}
  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Task& operator=(Task&& o) noexcept {
    if (this != &o) {
      if (h_) h_.destroy();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (h_) h_.destroy();
  }

  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(h_); }

  struct Awaiter {
    Handle h;
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
      h.promise().continuation_ = awaiting;
      return h;
    }
    T await_resume() { return h.promise().take(); }
  };
  Awaiter operator co_await() && noexcept { return Awaiter{h_}; }

  /// Releases the frame to the caller (used by spawn()).
  Handle release() noexcept { return std::exchange(h_, {}); }

 private:
  Handle h_;
};

namespace detail {
template <typename T>
Task<T> Promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

/// Starts `task` on `ex` and calls `on_done(exception or nullptr)` on the executor when it ends.
/// The task's frame is destroyed before on_done is called; on_done itself after it returns. Thread
/// safety: callable from any thread.
void spawn(Executor& ex, Task<> task, std::function<void(std::exception_ptr)> on_done = {});

/// Runs `task` to completion on the calling thread (which must not be an executor worker),
/// resuming it there whenever it is woken. Rethrows the task's exception.
void sync_wait(Task<> task);

template <typename T>
T sync_wait(Task<T> task) {
  std::optional<T> out;
  sync_wait([](Task<T> t, std::optional<T>* o) -> Task<> { o->emplace(co_await std::move(t)); }(
                                                   std::move(task), &out));
  return std::move(*out);
}

}  // namespace rill
