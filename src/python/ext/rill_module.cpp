// build/python/rill.cpython-*.so: `import rill` from Debian's python3 (PYTHONPATH=build/python).
// The module itself lives in librill_python (shared with the CLI, which embeds it).
#include "module.hpp"

extern "C" __attribute__((visibility("default"))) PyObject* PyInit_rill() {
  return rill::python::init_rill_module();
}
