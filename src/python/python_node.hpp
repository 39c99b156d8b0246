#pragma once
// PythonNode: a node whose behaviour is a Python class (MegFlow's Python node contract,
// docs/python.md). Lifecycle on the node's thread (the Python executor, or its own thread when
// exclusive):
//  init      cls(name, args) (declared defaults added to args); one attribute per declared
//            argument the constructor did not set, per declared port and per visible resource;
//  exec      runs the instance's exec() in the node's fiber, back to back for as long as the
//            runtime would call it again at once (no input ended, no flush marker seen, at most
//            kExecBatch calls), so a busy Python node costs no greenlet switch per message;
//  finalize  ends the fiber, retires the port objects, drops the instance (its __del__ runs
//            once, here).

#include <memory>
#include <string>

#include <rill/core/node.hpp>

#include "fiber.hpp"
#include "ports.hpp"
#include "registration.hpp"

namespace rill::python {

class PythonNode final : public Node {
 public:
  static constexpr int kExecBatch = 64;

  PythonNode(std::shared_ptr<const PyNodeClass> cls, NodeConfig config);
  ~PythonNode() override;

  void init(Context& ctx) override;
  Task<> exec(Context& ctx) override;
  void finalize(Context& ctx) override;

 private:
  void body();
  void run_batch();
  void bind_attributes(py::object& inst, Context& ctx);

  std::shared_ptr<const PyNodeClass> cls_;
  NodeConfig config_;
  Context* ctx_ = nullptr;
  Executor* home_ = nullptr;
  std::shared_ptr<PortLife> life_;
  PyRef instance_;
  PyRef exec_;
  std::unique_ptr<Fiber> fiber_;
  std::string error_;  ///< traceback of the last failed exec(), thrown by exec
  bool quit_ = false;
};

/// True when `err` is rill.Stopped (a stopping graph ending a Python source); set by bind_ports.
bool is_stopped_error(PyObject* type);

}  // namespace rill::python
