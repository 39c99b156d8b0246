// The interpreter's lifetime: started by the embedding CLI, or already running when rill is an
// extension module; either way the Python executor is stopped before Python finalizes.

#include <rill/python/python.hpp>

#include "gil.hpp"
#include "module.hpp"
#include "python_executor.hpp"

namespace rill::python {

void stop_live_graphs();  // graph_binding.cpp

namespace {
PyThreadState* main_state = nullptr;  // the embedding main thread's, while it runs no Python
bool embedded = false;
}  // namespace

void ensure_interpreter() {
  if (Py_IsInitialized() != 0) return;
  PyImport_AppendInittab("rill", &init_rill_module);
  PyImport_AppendInittab("megflow", &init_megflow_module);
  PyConfig config;
  PyConfig_InitPythonConfig(&config);
  config.install_signal_handlers = 0;  // SIGINT/SIGTERM belong to the CLI (graceful stop)
  config.parse_argv = 0;
  // Debian's interpreter: sys.prefix /usr, so its site-packages (numpy, greenlet) are found.
  PyConfig_SetString(&config, &config.program_name, L"/usr/bin/python3");
  PyStatus st = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(st) != 0) {
    throw std::runtime_error(std::string("cannot start Python: ") +
                             (st.err_msg != nullptr ? st.err_msg : "unknown error"));
  }
  embedded = true;
  main_state = PyEval_SaveThread();  // other threads (the Python executor) may now take the GIL
}

void shutdown_at_exit() {
  stop_live_graphs();
  PythonExecutor::shutdown();
}

void shutdown_interpreter() {
  if (!embedded) return;
  {
    GilHold gil;
    shutdown_at_exit();
  }
  PyEval_RestoreThread(main_state);
  Py_FinalizeEx();
  embedded = false;
}

}  // namespace rill::python
