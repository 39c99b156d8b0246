#include "async_api.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include <pybind11/stl.h>

#include <rill/core/event.hpp>
#include <rill/core/timer.hpp>

#include "fiber.hpp"
#include "gil.hpp"
#include "ports.hpp"
#include "python_executor.hpp"

namespace rill::python {
namespace {

struct SleepRequest final : Request {
  explicit SleepRequest(std::chrono::nanoseconds d) : duration(d) {}
  Task<> perform() override { co_await sleep_for(duration); }
  std::chrono::nanoseconds duration;
};

struct YieldRequest final : Request {
  Task<> perform() override { co_await yield_now(); }
};

/// Runs every fiber at once on the calling executor and completes when all have finished.
struct JoinRequest final : Request {
  explicit JoinRequest(std::vector<std::unique_ptr<Fiber>> f) : fibers(std::move(f)) {}
  Task<> perform() override {
    Executor* ex = Executor::current();
    remaining.store(static_cast<int>(fibers.size()));
    for (auto& f : fibers) {
      spawn(*ex, f->run(), [this](std::exception_ptr) {
        if (remaining.fetch_sub(1) == 1) all_done.set();
      });
    }
    if (!fibers.empty()) co_await all_done.wait();
  }
  std::vector<std::unique_ptr<Fiber>> fibers;
  std::atomic<int> remaining{0};
  Event all_done;
};

/// Blocks a host thread on `ev` (GIL released, Ctrl-C honoured).
void wait_host(Event& ev) {
  wait_interruptibly([&](std::chrono::milliseconds slice) { return ev.wait_blocking_for(slice); });
}

py::object finish(const Fiber& f) {
  if (f.error()) {
    f.error().restore();
    throw py::error_already_set();
  }
  return f.result() ? py::reinterpret_borrow<py::object>(f.result().get()) : py::none();
}

py::list join(const py::list& fns) {
  std::vector<std::unique_ptr<Fiber>> fibers;
  for (auto fn : fns) fibers.push_back(std::make_unique<Fiber>(PyRef::borrow(fn.ptr())));
  auto req = std::make_unique<JoinRequest>(std::move(fibers));
  if (Fiber* f = Fiber::current()) {
    if (!f->wait_for(req.get())) throw py::error_already_set();
  } else {
    check_may_block("join()");
    // A host thread: the fibers run on the Python executor; this thread waits.
    // Waits for the whole perform() (not just all_done) so `req` outlives everything using it.
    auto done = std::make_shared<Event>();
    spawn(*PythonExecutor::instance(), req->perform(), [done](std::exception_ptr) { done->set(); });
    wait_host(*done);
  }
  py::list out;
  // The first exception wins, as if the calls had run one after another.
  for (auto& fb : req->fibers) out.append(finish(*fb));
  return out;
}

void sleep_ms(std::int64_t ms) {
  if (ms <= 0) return;
  if (Fiber* f = Fiber::current()) {
    auto req = std::make_unique<SleepRequest>(std::chrono::milliseconds(ms));
    if (!f->wait_for(req.get())) throw py::error_already_set();
    return;
  }
  check_may_block("sleep()");
  GilRelease unlocked;
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

void yield_now_py() {
  if (Fiber* f = Fiber::current()) {
    auto req = std::make_unique<YieldRequest>();
    if (!f->wait_for(req.get())) throw py::error_already_set();
  }
}

// ---- futures ----

struct FutureState {
  std::mutex mu;
  bool woken = false;      // guarded by mu
  bool consumed = false;   // wait() returned the value already (GIL)
  bool abandoned = false;  // every Waker went without wake()
  int wakers = 1;          // guarded by mu
  PyRef value;             // set under mu, read after `event`
  PyRef callback;
  Event event;
};

struct FutureWaitRequest final : Request {
  explicit FutureWaitRequest(std::shared_ptr<FutureState> s) : state(std::move(s)) {}
  Task<> perform() override { co_await state->event.wait(); }
  std::shared_ptr<FutureState> state;
};

class Waker {
 public:
  explicit Waker(std::shared_ptr<FutureState> s) : state_(std::move(s)) {}
  Waker(const Waker& o) : state_(o.state_) {
    std::lock_guard g(state_->mu);
    ++state_->wakers;
  }
  ~Waker() {
    bool abandon = false;
    {
      std::lock_guard g(state_->mu);
      abandon = --state_->wakers == 0 && !state_->woken;
      if (abandon) state_->abandoned = true;
    }
    if (abandon) state_->event.set();
  }
  void wake(const py::object& v) {
    {
      std::lock_guard g(state_->mu);
      if (state_->woken) return;  // only the first wake counts
      state_->woken = true;
      state_->value = PyRef::borrow(v.ptr());
    }
    if (state_->callback) py::handle(state_->callback.get())(v);
    state_->event.set();
  }

 private:
  std::shared_ptr<FutureState> state_;
};

class Future {
 public:
  explicit Future(std::shared_ptr<FutureState> s) : state_(std::move(s)) {}
  py::object wait() {
    if (state_->consumed) return py::none();
    if (!state_->event.is_set()) {
      if (Fiber* f = Fiber::current()) {
        auto req = std::make_unique<FutureWaitRequest>(state_);
        if (!f->wait_for(req.get())) throw py::error_already_set();
      } else {
        check_may_block("Future.wait()");
        wait_host(state_->event);
      }
    }
    if (state_->consumed) return py::none();
    state_->consumed = true;
    bool abandoned = false;
    {
      std::lock_guard g(state_->mu);
      abandoned = state_->abandoned && !state_->woken;
    }
    if (abandoned)
      throw std::runtime_error("Future.wait(): every Waker was dropped without wake()");
    return state_->value ? py::reinterpret_borrow<py::object>(state_->value.get()) : py::none();
  }
  void cancel() { state_->consumed = true; }

 private:
  std::shared_ptr<FutureState> state_;
};

}  // namespace

py::object block_on(const py::object& fn) {
  if (Fiber::current() != nullptr) return fn();
  check_may_block("block_on()");
  auto fiber = std::make_shared<Fiber>(PyRef::borrow(fn.ptr()));
  auto done = std::make_shared<Event>();
  spawn(*PythonExecutor::instance(), fiber->run(), [done](std::exception_ptr) { done->set(); });
  wait_host(*done);
  return finish(*fiber);
}

void bind_async(py::module_& m) {
  m.def("yield_now", &yield_now_py, "Lets other ready nodes run first.");
  m.def("sleep", &sleep_ms, py::arg("ms"), "Suspends the calling node for ms milliseconds.");
  m.def("join", &join, py::arg("fns"),
        "Runs each zero-argument callable concurrently; returns their results in order.");
  m.def("block_on", &block_on, py::arg("fn"),
        "Runs fn as a coroutine (so it may use ports, join, sleep) and blocks until it returns.");
  py::class_<Waker>(m, "Waker", "Wakes the Future it was created with.")
      .def("wake", &Waker::wake, py::arg("value") = py::none(),
           "Delivers value to the Future (only the first call counts).");
  py::class_<Future>(m, "Future", "A value that a Waker delivers later.")
      .def("wait", &Future::wait, "Suspends until woken; returns the value (None the 2nd time).")
      .def("cancel", &Future::cancel, "Discards the future.");
  m.def(
      "create_future",
      [](const py::object& cb) {
        auto st = std::make_shared<FutureState>();
        if (!cb.is_none()) st->callback = PyRef::borrow(cb.ptr());
        return py::make_tuple(Future(st), Waker(st));
      },
      py::arg("cb") = py::none(),
      "(Future, Waker); cb, if given, is called with the value when the future is woken.");
}

}  // namespace rill::python
