// build/python/megflow.cpython-*.so: `import megflow` runs existing MegFlow plugins on rill.
#include "module.hpp"

extern "C" __attribute__((visibility("default"))) PyObject* PyInit_megflow() {
  return rill::python::init_megflow_module();
}
