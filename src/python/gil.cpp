#include "gil.hpp"

#include <atomic>
#include <mutex>
#include <vector>

namespace rill::python {
namespace {

/// This thread's own Python thread state (see the header): created once per thread, deleted when
/// the thread exits (a blocking-pool thread of an exclusive node may come and go). Threads Python
/// already knows (the host's) reuse theirs and keep it.
struct OwnState {
  PyThreadState* state = nullptr;
  bool created = false;
  PyGILState_STATE gilstate = PyGILState_UNLOCKED;
  ~OwnState() {
    if (created && interpreter_alive()) {
      PyEval_RestoreThread(state);
      PyGILState_Release(gilstate);  // count 1 -> 0: clears and deletes the state, drops the GIL
    }
  }
};

PyThreadState* thread_state() {
  thread_local OwnState own;
  if (own.state == nullptr) {
    own.state = PyGILState_GetThisThreadState();
    if (own.state == nullptr) {
      own.gilstate = PyGILState_Ensure();  // creates and binds the state; its count stays 1 for the
                                           // thread's life
      own.state = PyEval_SaveThread();
      own.created = true;
    }
  }
  return own.state;
}

std::mutex released_mu;
std::vector<PyObject*>* released = new std::vector<PyObject*>;  // leaked: used at exit
std::atomic<void (*)() noexcept> release_waker{nullptr};

}  // namespace

bool interpreter_alive() noexcept { return Py_IsInitialized() != 0 && _Py_IsFinalizing() == 0; }

GilHold::GilHold() {
  if (PyGILState_Check() != 0) return;
  restored_ = thread_state();
  PyEval_RestoreThread(restored_);
}

GilHold::~GilHold() {
  if (restored_ != nullptr) PyEval_SaveThread();
}

GilRelease::GilRelease() noexcept {
  if (PyGILState_Check() != 0) saved_ = PyEval_SaveThread();
}

GilRelease::~GilRelease() {
  if (saved_ != nullptr) PyEval_RestoreThread(saved_);
}

void release_reference(PyObject* obj) noexcept {
  if (obj == nullptr || !interpreter_alive()) return;
  if (PyGILState_Check() != 0) {
    Py_DECREF(obj);
    return;
  }
  bool first = false;
  {
    std::lock_guard g(released_mu);
    first = released->empty();
    released->push_back(obj);
  }
  if (first) {
    if (auto wake = release_waker.load(std::memory_order_acquire)) wake();
  }
}

void drain_released_references() {
  std::vector<PyObject*> batch;
  {
    std::lock_guard g(released_mu);
    if (released->empty()) return;
    batch.swap(*released);
  }
  for (PyObject* o : batch) Py_DECREF(o);
}

void set_release_waker(void (*wake)() noexcept) noexcept {
  release_waker.store(wake, std::memory_order_release);
}

}  // namespace rill::python
