#pragma once
// Python sources of the `rill`/`megflow` modules (src/python/py/*.py), compiled into the library
// so that the extension modules and the CLI's embedded interpreter run the same code.

#include <string_view>
#include <vector>

namespace rill::python {

struct EmbeddedPy {
  std::string_view stem;    ///< file name without .py, e.g. "func_op"
  std::string_view source;  ///< the whole file
};

/// Every py/*.py file (generated into embedded_py.cpp by src/python/CMakeLists.txt).
extern const std::vector<EmbeddedPy> kEmbeddedPy;

}  // namespace rill::python
