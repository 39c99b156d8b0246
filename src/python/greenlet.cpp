#include "greenlet.hpp"

#include <greenlet.h>

#include "rill/core/detail/sanitizers.hpp"

namespace rill::python::greenlet {

bool import_api() {
  if (_PyGreenlet_API != nullptr) return true;
  PyGreenlet_Import();
  return _PyGreenlet_API != nullptr;
}

PyObject* current() { return reinterpret_cast<PyObject*>(PyGreenlet_GetCurrent()); }

PyObject* create(PyObject* run, PyObject* parent) {
  return reinterpret_cast<PyObject*>(PyGreenlet_New(run, reinterpret_cast<PyGreenlet*>(parent)));
}

#if defined(RILL_TSAN)
extern "C" {
void* __tsan_get_current_fiber();
void* __tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void* fiber);
void __tsan_switch_to_fiber(void* fiber, unsigned flags);
}
void* sanitizer_fiber_create() { return __tsan_create_fiber(0); }
void sanitizer_fiber_destroy(void* f) {
  if (f != nullptr) __tsan_destroy_fiber(f);
}
void* sanitizer_fiber_current() { return __tsan_get_current_fiber(); }
__attribute__((no_sanitize_thread, noinline)) void sanitizer_fiber_switch(void* f) {
  __tsan_switch_to_fiber(f, 0);
}
#else
void* sanitizer_fiber_create() { return nullptr; }
void sanitizer_fiber_destroy(void*) {}
void* sanitizer_fiber_current() { return nullptr; }
void sanitizer_fiber_switch(void*) {}
#endif

#if defined(RILL_ASAN)
extern "C" void __asan_handle_no_return();
// greenlet moves stack slices in and out of one stack region, redzone bytes included, while
// ASan's shadow of that region keeps the poison of whichever frames were there before: the
// resumed greenlet's locals can sit under another greenlet's redzones. Forgetting the poison of
// the live stack on both sides of a switch (what ASan does for longjmp) trades redzone checks of
// frames that span a switch for no false reports.
void forget_stack_poison() { __asan_handle_no_return(); }
#else
void forget_stack_poison() {}
#endif

// Not instrumented: TSan must see no function entry in one fiber whose exit happens in another.
__attribute__((no_sanitize_thread, noinline)) PyObject* switch_to(PyObject* g, PyObject* args,
                                                                  void* sanitizer_fiber) {
#if defined(RILL_TSAN)
  __tsan_switch_to_fiber(sanitizer_fiber, 0);
#else
  (void)sanitizer_fiber;
#endif
  forget_stack_poison();
  PyObject* result = PyGreenlet_Switch(reinterpret_cast<PyGreenlet*>(g), args, nullptr);
  forget_stack_poison();
  return result;
}

bool active(PyObject* g) { return PyGreenlet_ACTIVE(reinterpret_cast<PyGreenlet*>(g)) != 0; }

}  // namespace rill::python::greenlet
